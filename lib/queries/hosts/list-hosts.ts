import "server-only";
import type { DbClient } from "../db";
import { type HostView, hostViewInclude, toHostView } from "./host-view";

/** Every registered host with its GPUs and health, by name. */
export async function listHosts(client: DbClient): Promise<HostView[]> {
  const rows = await client.host.findMany({ include: hostViewInclude, orderBy: { name: "asc" } });
  return rows.map(toHostView);
}
