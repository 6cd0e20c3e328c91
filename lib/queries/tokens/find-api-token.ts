import "server-only";
import type { DbClient } from "../db";

export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  revokedAt: Date | null;
}

/** One API token by id (never its hash), or null. */
export function findApiToken(client: DbClient, tokenId: string): Promise<ApiTokenRecord | null> {
  return client.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, name: true, prefix: true, userId: true, revokedAt: true },
  });
}
