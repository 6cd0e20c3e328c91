import "server-only";
import { HOST_SETTINGS_KEY, type HostSettings, hostSettingsSchema } from "../../vocabulary/host-settings";
import type { DbClient } from "../db";

/** The hosts settings, defaults filled in; a stored value that no longer parses reads as the defaults. */
export async function findHostSettings(client: DbClient): Promise<HostSettings> {
  const row = await client.setting.findUnique({ where: { key: HOST_SETTINGS_KEY } });
  let stored: unknown = {};
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = hostSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : hostSettingsSchema.parse({});
}
