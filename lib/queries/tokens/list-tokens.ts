import "server-only";
import type { Actor } from "../../vocabulary/access";
import type { DbClient } from "../db";
import { parseScopes, tokenState, type TokenState } from "../../tokens/token-format";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";

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
  return (await listTokensPage(client, actor)).items;
}

export async function listTokensPage(client: DbClient, actor: Actor, page?: PageRequest): Promise<PageOf<TokenRow>> {
  const rows = await client.apiToken.findMany({
    where: actor.role === "admin" ? {} : { userId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgs(page),
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
  const items = rows.map((r) => ({
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
  return pageOf(items, page);
}
