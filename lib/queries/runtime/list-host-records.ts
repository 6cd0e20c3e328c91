import "server-only";
import type { DbClient } from "../db";

export interface HostRecord {
  id: string;
  name: string;
  endpoint: string;
  labels: string;
  gpus: { index: number; uuid: string | null; name: string; memoryBytes: number }[];
}

/** The host table as stored, with GPUs by index (the runtime turns these into RuntimeHosts). */
export async function listHostRecords(client: DbClient): Promise<HostRecord[]> {
  const rows = await client.host.findMany({
    include: { gpus: { orderBy: { index: "asc" } } },
    orderBy: { name: "asc" },
  });
  return rows.map((h) => ({
    id: h.id,
    name: h.name,
    endpoint: h.endpoint,
    labels: h.labels,
    gpus: h.gpus.map((g) => ({ index: g.index, uuid: g.uuid, name: g.name, memoryBytes: Number(g.memoryBytes) })),
  }));
}
