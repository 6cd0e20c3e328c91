import "server-only";
import type { DbClient } from "../db";

export async function deleteHostGrant(client: DbClient, grantId: string): Promise<void> {
  await client.hostGrant.delete({ where: { id: grantId } });
}
