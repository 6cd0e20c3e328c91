"use server";

import { setUserDisabled } from "../../queries/users/set-user-disabled";
import { defineAction } from "../define-action";
import { userIdInput } from "./inputs";
import { existingUser, labelOf } from "./user-guards";

/** Enables a disabled account: its owner can sign in again, and its unexpired, unrevoked tokens work again. */
export const enableUser = defineAction({
  name: "user.enable",
  input: userIdInput,
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const user = await existingUser(tx, input.userId);
    await setUserDisabled(tx, user.id, false);
    return {
      data: { id: user.id, disabled: false },
      audit: {
        targetType: "user",
        targetId: user.id,
        targetLabel: labelOf(user),
        before: { disabled: Boolean(user.banned) },
        after: { disabled: false },
      },
    };
  },
});
