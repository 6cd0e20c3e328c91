import "server-only";
import type { DbClient } from "../queries/db";
import { findTokenByHash } from "../queries/tokens/find-token-by-hash";
import { touchToken } from "../queries/tokens/touch-token";
import { hashToken, looksLikeToken, parseScopes, tokenState } from "../tokens/token-format";
import type { TokenScope } from "../vocabulary/access";

export interface VerifiedToken {
  tokenId: string;
  prefix: string;
  scopes: TokenScope[];
  user: { id: string; email: string; username: string | null; role: string };
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The token's owner and scopes when the token exists, is neither expired nor revoked, and its owner is not banned. Checked on every request: revocation is immediate. */
export async function verifyApiToken(client: DbClient, token: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!looksLikeToken(token)) return null;
  const row = await findTokenByHash(client, hashToken(token));
  if (!row || tokenState(row, now) !== "active" || row.user.banned) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await touchToken(client, row.id, now);
  }
  return {
    tokenId: row.id,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    user: { id: row.user.id, email: row.user.email, username: row.user.username, role: row.user.role },
  };
}
