import "server-only";
import type { DbClient } from "../db";

/** Writes a setting, replacing its value; returns the value it had (null when new). */
export async function upsertSetting(client: DbClient, key: string, value: string): Promise<string | null> {
  const before = await client.setting.findUnique({ where: { key } });
  await client.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  return before?.value ?? null;
}
