"use server";

import { deleteUserSessions } from "../../queries/sessions/delete-user-sessions";
import { setUserDisabled } from "../../queries/users/set-user-disabled";
import { defineAction } from "../define-action";
import { userIdInput } from "./inputs";
import { assertNotSelfOrLastAdmin, existingUser, labelOf } from "./user-guards";

/** Disables an account at once: its sessions end now, its API tokens are refused from the next request. */
export const disableUser = defineAction({
  name: "user.disable",
  input: userIdInput,
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const user = await existingUser(tx, input.userId);
    await assertNotSelfOrLastAdmin(tx, actor, user, "disable");
    await setUserDisabled(tx, user.id, true, `disabled by ${actor.label}`);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    return {
      data: { id: user.id, disabled: true, sessionsEnded },
      audit: {
        targetType: "user",
        targetId: user.id,
        targetLabel: labelOf(user),
        before: { disabled: Boolean(user.banned) },
        after: { disabled: true, sessionsEnded },
      },
    };
  },
});
