import "server-only";
import type { DbClient } from "../db";

/** A setting's stored value, or null. */
export async function findSetting(client: DbClient, key: string): Promise<string | null> {
  const row = await client.setting.findUnique({ where: { key } });
  return row ? row.value : null;
}
