"use server";

import { z } from "zod";
import { deleteHostGrant } from "../../queries/grants/delete-host-grant";
import { findHostGrant } from "../../queries/grants/find-host-grant";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

export const removeHostGrant = defineAction({
  name: "user.grant-remove",
  input: z.object({ grantId: z.string().min(1, "give the grant's id").max(64) }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const grant = await findHostGrant(tx, { grantId: input.grantId });
    if (!grant) throw new ActionError("This grant no longer exists: reload the page.", { status: 404 });
    await deleteHostGrant(tx, grant.id);
    return {
      data: { id: grant.id },
      audit: { targetType: "user", targetId: grant.userId, before: { grant: grant.selector } },
    };
  },
});
