import "server-only";
import type { DbClient } from "../db";

/** How many hosts are registered. */
export function countHosts(client: DbClient): Promise<number> {
  return client.host.count();
}
