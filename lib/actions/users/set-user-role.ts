"use server";

import { z } from "zod";
import { roleSchema } from "../../auth/users";
import { countActiveAdmins } from "../../queries/users/count-active-admins";
import { findUser } from "../../queries/users/find-user";
import { setUserRole as updateRole } from "../../queries/users/set-user-role";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

export const setUserRole = defineAction({
  name: "user.set-role",
  input: z.object({ userId: z.string().min(1, "give the user's id").max(64), role: roleSchema }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const user = await findUser(tx, input.userId);
    if (!user) throw new ActionError(`User ${input.userId} does not exist: reload the page.`, { status: 404 });
    if (user.role === "admin" && input.role !== "admin" && (await countActiveAdmins(tx)) <= 1) {
      throw new ActionError("This is the last admin: make someone else an admin first.", { status: 409 });
    }
    await updateRole(tx, user.id, input.role);
    return {
      data: { id: user.id, role: input.role },
      audit: {
        targetType: "user",
        targetId: user.id,
        targetLabel: user.username ?? user.email,
        before: { role: user.role },
        after: { role: input.role },
      },
    };
  },
});
