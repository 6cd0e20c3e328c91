import "server-only";
import type { DbClient } from "../db";

/** The id of the host with this name, or null (names are unique). */
export async function findHostIdByName(client: DbClient, name: string): Promise<string | null> {
  const row = await client.host.findUnique({ where: { name }, select: { id: true } });
  return row?.id ?? null;
}
