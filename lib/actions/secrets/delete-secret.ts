"use server";

import { z } from "zod";
import { deleteSecret as removeSecret } from "../../queries/secrets/delete-secret";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

export const deleteSecret = defineAction({
  name: "secret.delete",
  input: z.object({ secretId: z.string().min(1, "give the secret's id").max(64) }),
  authorize: () => ({ action: "secret.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const row = await removeSecret(tx, input.secretId);
    if (!row) throw new ActionError("This secret no longer exists: reload the page.", { status: 404 });
    return {
      data: { id: row.id },
      audit: {
        targetType: "secret",
        targetId: row.id,
        targetLabel: row.name,
        before: { name: row.name, kind: row.kind },
      },
    };
  },
});
