import "server-only";
import type { DbClient } from "../db";

/** Inserts a setting; fails when the key exists (the primary key makes it a once-only marker). */
export async function createSetting(client: DbClient, key: string, value: string): Promise<void> {
  await client.setting.create({ data: { key, value } });
}
