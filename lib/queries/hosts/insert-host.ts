import "server-only";
import type { DbClient } from "../db";
import type { HostFields } from "./host-fields";
import { hostData } from "./host-fields";

/** Inserts a host; returns its id. The caller checked that the name is free. */
export async function insertHost(client: DbClient, fields: HostFields & { name: string }): Promise<string> {
  const row = await client.host.create({
    data: { ...hostData(fields), name: fields.name, endpoint: fields.endpoint ?? "" },
  });
  return row.id;
}
