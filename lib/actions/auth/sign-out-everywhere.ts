"use server";

import { z } from "zod";
import { auth } from "../../auth/better-auth";
import { requestHeaders } from "../../auth/request-context";
import { deleteUserSessions } from "../../queries/sessions/delete-user-sessions";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

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
    const count = await deleteUserSessions(tx, actor.userId);
    return {
      data: { sessionsEnded: count },
      audit: { targetType: "user", targetId: actor.userId, after: { sessionsEnded: count } },
    };
  },
});
