import "server-only";
import type { DbClient } from "../db";
import { type HostView, hostViewInclude, toHostView } from "./host-view";

/** One host by id, or null. */
export async function findHost(client: DbClient, hostId: string): Promise<HostView | null> {
  const row = await client.host.findUnique({ where: { id: hostId }, include: hostViewInclude });
  return row ? toHostView(row) : null;
}
