import "server-only";
import {
  DEFAULT_RUNTIME_SETTINGS,
  RUNTIME_SETTINGS_KEY,
  type RuntimeSettings,
  runtimeSettingsSchema,
} from "../../vocabulary/runtime-settings";
import type { DbClient } from "../db";

/** The runtime settings as stored, or the defaults when none (or unreadable ones) are. */
export async function findRuntimeSettings(client: DbClient): Promise<RuntimeSettings> {
  const row = await client.setting.findUnique({ where: { key: RUNTIME_SETTINGS_KEY } });
  if (!row) return DEFAULT_RUNTIME_SETTINGS;
  try {
    const parsed = runtimeSettingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_RUNTIME_SETTINGS;
  } catch {
    return DEFAULT_RUNTIME_SETTINGS;
  }
}
