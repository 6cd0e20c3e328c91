"use server";

import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { loginLimiter } from "../../auth/rate-limit";
import { passwordSchema } from "../../auth/users";
import { writeAudit } from "../../queries/audit/write-audit-event";
import { db } from "../../queries/db";
import { deleteUserSessions } from "../../queries/sessions/delete-user-sessions";
import { findUser } from "../../queries/users/find-user";
import { deletePasswordResets, findPasswordReset, setPasswordHash } from "../../queries/users/password-resets";
import { ActionError } from "../../server/action-error";
import { hashToken } from "../../tokens/token-format";
import { definePublicAction } from "../define-public-action";

const EXPIRED = "This reset link is unknown, used or expired: ask an admin for a new one.";

export const resetPassword = definePublicAction({
  name: "auth.password-reset",
  reason: "the person resetting a password cannot sign in; the one-time secret from the admin's link is the proof",
  input: z.object({
    secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "open the whole link the admin gave you"),
    password: passwordSchema,
  }),
  run: async (input, { ip }) => {
    const hashed = hashToken(input.secret);
    const limiter = loginLimiter();
    const reservation = limiter.reserve(`reset:${hashed.slice(0, 16)}`, ip);
    if (!reservation.allowed) throw new ActionError(reservation.message, { status: 422 });
    let outcome: "failed" | "succeeded" = "failed";
    try {
      const passwordHash = await hashPassword(input.password);
      const user = await db().$transaction(async (tx) => {
        const reset = await findPasswordReset(tx, hashed);
        const user = reset ? await findUser(tx, reset.userId) : null;
        if (!reset || !user || user.banned) throw new ActionError(EXPIRED, { status: 422 });
        await setPasswordHash(tx, user.id, passwordHash);
        await deletePasswordResets(tx, user.id);
        const sessionsEnded = await deleteUserSessions(tx, user.id);
        const label = user.username ?? user.email;
        await writeAudit(tx, { userId: user.id, label, ip }, "auth.password-reset", {
          targetType: "user",
          targetId: user.id,
          targetLabel: label,
          after: { sessionsEnded },
        });
        return user;
      });
      outcome = "succeeded";
      return { reset: true, identifier: user.username ?? user.email };
    } finally {
      limiter.finish(reservation, outcome);
    }
  },
});
