import "server-only";
import type { DbClient } from "../db";

export async function revokeApiToken(client: DbClient, tokenId: string, at: Date): Promise<void> {
  await client.apiToken.update({ where: { id: tokenId }, data: { revokedAt: at } });
}
