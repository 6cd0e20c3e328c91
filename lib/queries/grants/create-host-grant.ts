import "server-only";
import type { DbClient } from "../db";

export async function createHostGrant(client: DbClient, userId: string, selector: string): Promise<{ id: string }> {
  const grant = await client.hostGrant.create({ data: { userId, selector } });
  return { id: grant.id };
}
