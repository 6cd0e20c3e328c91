import "server-only";
import type { DbClient } from "../db";

/** Sets a setting, creating its row when absent. */
export async function upsertSetting(client: DbClient, key: string, value: string): Promise<void> {
  await client.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
