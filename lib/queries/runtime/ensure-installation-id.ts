import "server-only";
import { randomUUID } from "node:crypto";
import type { DbClient } from "../db";

const KEY = "runtime.installation-id";

/**
 * This database's installation id, made once: every container carries it, so two fleetdeck servers sharing a
 * Docker host never take each other's containers for orphans.
 */
export async function ensureInstallationId(client: DbClient): Promise<string> {
  const existing = await client.setting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  try {
    await client.setting.create({ data: { key: KEY, value: randomUUID() } });
  } catch {
    // another process made it first
  }
  return (await client.setting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
