import "server-only";
import type { DbClient } from "../db";
import { type HostFields, hostData } from "./host-fields";

/** Changes the given fields of a host. */
export async function updateHost(client: DbClient, hostId: string, fields: HostFields): Promise<void> {
  await client.host.update({ where: { id: hostId }, data: hostData(fields) });
}
