"use server";

import { randomBytes } from "node:crypto";
import { storePasswordReset } from "../../queries/users/password-resets";
import { ActionError } from "../../server/action-error";
import { hashToken } from "../../tokens/token-format";
import { defineAction } from "../define-action";
import { userIdInput } from "./inputs";
import { existingUser, labelOf } from "./user-guards";

const LINK_HOURS = 24;

/**
 * A one-time link for setting a new password, which the admin copies to the user (fleetdeck sends no mail). It is
 * shown once; only its hash is kept; it expires in 24 hours, and a newer link replaces it. The secret travels in the
 * URL's fragment, so it never reaches a server log.
 */
export const createPasswordResetLink = defineAction({
  name: "user.password-reset-link",
  input: userIdInput,
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const user = await existingUser(tx, input.userId);
    if (user.banned)
      throw new ActionError(`${labelOf(user)} is disabled: enable the account before resetting its password.`, {
        status: 409,
      });
    const secret = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + LINK_HOURS * 3_600_000);
    await storePasswordReset(tx, user.id, hashToken(secret), expiresAt);
    return {
      data: { path: `/reset-password#secret=${secret}`, expiresAt: expiresAt.toISOString() },
      audit: { targetType: "user", targetId: user.id, targetLabel: labelOf(user), after: { expiresAt } },
    };
  },
});
