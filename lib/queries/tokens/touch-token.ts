import "server-only";
import type { DbClient } from "../db";

/** Records when a token was last used. */
export async function touchToken(client: DbClient, tokenId: string, at: Date): Promise<void> {
  await client.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: at } });
}
