"use server";

import { z } from "zod";
import { putSecret, SECRET_KINDS } from "../../secrets/secret-store";
import { defineAction } from "../define-action";

/** Stores (or replaces) a secret, encrypted; the value never leaves the server and never enters the audit log. */
export const saveSecret = defineAction({
  name: "secret.save",
  input: z.object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,80}$/, "use 1–80 letters, digits, '.', '_' or '-' (e.g. hf-token)"),
    kind: z.enum(SECRET_KINDS, { message: `choose one of ${SECRET_KINDS.join(", ")}` }),
    value: z.string().min(1, "paste the secret's value").max(65_536, "a secret is at most 65,536 bytes"),
  }),
  authorize: () => ({ action: "secret.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const { id, created } = await putSecret(tx, input.name, input.kind, input.value);
    return {
      data: { id, created },
      audit: {
        targetType: "secret",
        targetId: id,
        targetLabel: input.name,
        after: { name: input.name, kind: input.kind, replaced: !created },
      },
    };
  },
});
