"use server";

import { deleteUser as removeUser } from "../../queries/users/delete-user";
import { defineAction } from "../define-action";
import { userIdInput } from "./inputs";
import { assertNotSelfOrLastAdmin, existingUser, labelOf } from "./user-guards";

/** Deletes an account with its sessions, tokens and grants; its layouts stay (without an owner). */
export const deleteUser = defineAction({
  name: "user.delete",
  input: userIdInput,
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const user = await existingUser(tx, input.userId);
    await assertNotSelfOrLastAdmin(tx, actor, user, "delete");
    await removeUser(tx, user.id);
    return {
      data: { id: user.id, deleted: true },
      audit: {
        targetType: "user",
        targetId: user.id,
        targetLabel: labelOf(user),
        before: { email: user.email, username: user.username, role: user.role },
      },
    };
  },
});
