"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { definePublicAction } from "@/lib/actions/define-public-action";
import { auth } from "@/lib/auth/better-auth";
import { createFirstAdmin, FirstRunClosedError } from "@/lib/auth/first-run";
import { requestHeaders } from "@/lib/auth/request-context";
import { signInWithPassword, signOutSession } from "@/lib/auth/sign-in";
import { emailSchema, passwordSchema, usernameSchema } from "@/lib/auth/users";
import { ActionError } from "@/lib/server/action-error";

const signInInput = z.object({
  identifier: z.string().trim().min(1, "enter your email or username").max(254, "use at most 254 characters"),
  password: z.string().min(1, "enter your password").max(256, "use at most 256 characters"),
});

export const signIn = definePublicAction({
  name: "auth.sign-in",
  reason: "signing in is what an anonymous caller does; rate limited per account and per address",
  input: signInInput,
  run: async (input, { headers, ip }) => {
    const { userId } = await signInWithPassword(input.identifier, input.password, headers, ip);
    return { userId };
  },
});

const setupInput = z.object({ email: emailSchema, username: usernameSchema, password: passwordSchema });

export const setupFirstAdmin = definePublicAction({
  name: "auth.first-admin",
  reason: "the first admin is created before anyone can sign in; refused once any user exists",
  input: setupInput,
  run: async (input, { headers, ip }) => {
    try {
      await createFirstAdmin(input, ip, "setup page");
    } catch (err) {
      if (err instanceof FirstRunClosedError) throw new ActionError(err.message, { status: 409 });
      throw err;
    }
    await signInWithPassword(input.email, input.password, headers, ip);
    return { created: true };
  },
});

export const signOut = definePublicAction({
  name: "auth.sign-out",
  reason: "ends the caller's own session; without a session it does nothing",
  input: z.object({}).optional(),
  run: async (_input, { headers }) => {
    await signOutSession(headers);
    return { signedOut: true };
  },
});

export const signOutEverywhere = defineAction({
  name: "auth.sign-out-everywhere",
  input: z.object({}).optional(),
  selfService: true,
  authorize: () => ({ action: "fleet.read", resource: { type: "global" } }),
  run: async (_input, { actor, tx }) => {
    if (actor.kind === "token")
      throw new ActionError(
        "Sign out everywhere from the web console; an API token has no sessions (revoke the token instead).",
      );
    const headers = await requestHeaders();
    await auth(headers)
      .api.signOut({ headers })
      .catch(() => undefined);
    const { count } = await tx.session.deleteMany({ where: { userId: actor.userId } });
    return {
      data: { sessionsEnded: count },
      audit: { targetType: "user", targetId: actor.userId, after: { sessionsEnded: count } },
    };
  },
});
