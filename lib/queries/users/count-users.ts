import "server-only";
import type { DbClient } from "../db";

/** How many users exist (0 = first run). */
export function countUsers(client: DbClient): Promise<number> {
  return client.user.count();
}
