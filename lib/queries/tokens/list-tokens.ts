import "server-only";
import type { Actor } from "../../vocabulary/access";
import type { DbClient } from "../db";
import { parseScopes, tokenState, type TokenState } from "../../tokens/token-format";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  owner: string;
  scopes: string[];
  state: TokenState;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

/** The caller's tokens (an admin sees everyone's). Never the token or its hash. */
export async function listTokens(client: DbClient, actor: Actor): Promise<TokenRow[]> {
  const rows = await client.apiToken.findMany({
    where: actor.role === "admin" ? {} : { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      user: { select: { email: true } },
    },
  });
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    owner: r.user.email,
    scopes: parseScopes(r.scopes),
    state: tokenState(r, now),
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    createdAt: r.createdAt,
  }));
}
