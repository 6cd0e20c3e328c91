import "server-only";
import { parseHostLabels } from "../host-labels";
import type { DbClient } from "../db";

export interface HostRow {
  id: string;
  name: string;
  endpoint: string;
  status: string;
  statusText: string | null;
  labels: Record<string, string>;
  ramBytes: number;
  cpuCores: number;
  lastSeenAt: Date | null;
  gpus: { index: number; name: string; memoryBytes: number }[];
}

/** The registered hosts with their GPUs, by name. */
export async function listHosts(client: DbClient): Promise<HostRow[]> {
  const hosts = await client.host.findMany({
    include: { gpus: { orderBy: { index: "asc" } } },
    orderBy: { name: "asc" },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    endpoint: h.endpoint,
    status: h.status,
    statusText: h.statusText,
    labels: parseHostLabels(h.labels),
    ramBytes: Number(h.ramBytes),
    cpuCores: h.cpuCores,
    lastSeenAt: h.lastSeenAt,
    gpus: h.gpus.map((g) => ({ index: g.index, name: g.name, memoryBytes: Number(g.memoryBytes) })),
  }));
}
