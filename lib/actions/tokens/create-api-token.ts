"use server";

import { z } from "zod";
import { insertApiToken } from "../../queries/tokens/insert-api-token";
import { ActionError } from "../../server/action-error";
import { generateToken, tokenScopesSchema } from "../../tokens/token-format";
import { TOKEN_SCOPE_INFO, TOKEN_SCOPES } from "../../vocabulary/access";
import { defineAction } from "../define-action";

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
    scopes: tokenScopesSchema.describe(TOKEN_SCOPES.join(", ")),
    expiresInDays: z
      .number()
      .int("use a whole number of days")
      .min(1, "use 1 to 365 days")
      .max(365, "use 1 to 365 days"),
  }),
  authorize: () => ({ action: "token.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => {
    const refused = input.scopes.filter(
      (s) =>
        (TOKEN_SCOPE_INFO[s].adminOnly && actor.role !== "admin") ||
        (actor.kind === "token" && !actor.scopes?.includes(s)),
    );
    if (refused.length > 0)
      throw new ActionError(
        actor.kind === "token"
          ? `A token can only create tokens with its own scopes (${actor.scopes?.join(", ")}); remove ${refused.join(", ")}.`
          : `Only admins may hold ${refused.join(", ")}: remove ${refused.length > 1 ? "them" : "it"}.`,
        { status: 422, fieldErrors: { scopes: [`not yours to give: ${refused.join(", ")}`] } },
      );
    const { token, prefix, hashedToken } = generateToken();
    const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
    const row = await insertApiToken(tx, {
      name: input.name,
      prefix,
      hashedToken,
      scopes: input.scopes,
      userId: actor.userId,
      expiresAt,
    });
    return {
      data: { id: row.id, token, prefix, expiresAt: expiresAt.toISOString() },
      audit: {
        targetType: "api_token",
        targetId: row.id,
        targetLabel: input.name,
        after: { name: input.name, tokenPrefix: prefix, scopes: input.scopes, expiresAt },
      },
    };
  },
});
