"use server";

import { z } from "zod";
import { findApiToken } from "../../queries/tokens/find-api-token";
import { revokeApiToken as markRevoked } from "../../queries/tokens/revoke-api-token";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

/** Revokes a token at once: the next request with it is refused. Admins may revoke anyone's token; others only their own. */
export const revokeApiToken = defineAction({
  name: "token.revoke",
  input: z.object({ tokenId: z.string().min(1, "give the token's id").max(64) }),
  authorize: () => ({ action: "token.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const row = await findApiToken(tx, input.tokenId);
    if (!row || (row.userId !== actor.userId && actor.role !== "admin"))
      throw new ActionError("This token does not exist (or is not yours): reload the page.", { status: 404 });
    if (row.revokedAt) return { data: { id: row.id, revokedAt: row.revokedAt.toISOString() }, audit: null };
    const revokedAt = new Date();
    await markRevoked(tx, row.id, revokedAt);
    return {
      data: { id: row.id, revokedAt: revokedAt.toISOString() },
      audit: {
        targetType: "api_token",
        targetId: row.id,
        targetLabel: row.name,
        after: { name: row.name, tokenPrefix: row.prefix, revokedAt },
      },
    };
  },
});
