import "server-only";
import type { DbClient } from "../db";

export interface TokenWithOwner {
  id: string;
  prefix: string;
  scopes: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  user: { id: string; email: string; username: string | null; role: string; banned: boolean | null };
}

/** The API token stored under a SHA-256 hash, with its owner; null when there is none. */
export function findTokenByHash(client: DbClient, hashedToken: string): Promise<TokenWithOwner | null> {
  return client.apiToken.findUnique({
    where: { hashedToken },
    select: {
      id: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, username: true, role: true, banned: true } },
    },
  });
}
