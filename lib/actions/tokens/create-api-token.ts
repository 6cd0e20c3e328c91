import "server-only";
import { z } from "zod";
import { generateToken, tokenScopesSchema } from "../../tokens/token-format";
import { defineAction } from "../define-action";
import { ActionError } from "../../server/action-error";

const DAY_MS = 86_400_000;

/** Creates an API token for the caller; the token is in the result once and never again (only its SHA-256 is kept). */
export const createApiToken = defineAction({
  name: "token.create",
  input: z.object({
    name: z
      .string()
      .trim()
      .min(1, "name the token after what uses it (e.g. ci-deploy)")
      .max(80, "use at most 80 characters"),
    scopes: tokenScopesSchema.describe("read, write or both"),
    expiresInDays: z
      .number()
      .int("use a whole number of days")
      .min(1, "use 1 to 365 days")
      .max(365, "use 1 to 365 days"),
  }),
  authorize: () => ({ action: "token.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const { token, prefix, hashedToken } = generateToken();
    const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix,
        hashedToken,
        scopes: JSON.stringify(input.scopes),
        userId: actor.userId,
        expiresAt,
      },
    });
    return {
      data: { id: row.id, token, prefix, expiresAt: expiresAt.toISOString() },
      audit: {
        targetType: "api_token",
        targetId: row.id,
        after: { name: input.name, tokenPrefix: prefix, scopes: input.scopes, expiresAt },
      },
    };
  },
});

/** Revokes a token at once: the next request with it is refused. Admins may revoke anyone's token; others only their own. */
export const revokeApiToken = defineAction({
  name: "token.revoke",
  input: z.object({ tokenId: z.string().min(1, "give the token's id").max(64) }),
  authorize: () => ({ action: "token.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const row = await tx.apiToken.findUnique({ where: { id: input.tokenId } });
    if (!row || (row.userId !== actor.userId && actor.role !== "admin"))
      throw new ActionError("This token does not exist (or is not yours): reload the page.", { status: 404 });
    if (row.revokedAt) return { data: { id: row.id, revokedAt: row.revokedAt.toISOString() }, audit: null };
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt } });
    return {
      data: { id: row.id, revokedAt: revokedAt.toISOString() },
      audit: {
        targetType: "api_token",
        targetId: row.id,
        after: { name: row.name, tokenPrefix: row.prefix, revokedAt },
      },
    };
  },
});
