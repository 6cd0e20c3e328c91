import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/authorize";
import { db } from "../db";

const labelsSchema = z.record(z.string(), z.string()).catch({});

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

export async function listHosts(): Promise<HostRow[]> {
  await authorize("fleet.read", { type: "global" });
  const hosts = await db().host.findMany({
    include: { gpus: { orderBy: { index: "asc" } } },
    orderBy: { name: "asc" },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    endpoint: h.endpoint,
    status: h.status,
    statusText: h.statusText,
    labels: labelsSchema.parse(JSON.parse(h.labels)),
    ramBytes: Number(h.ramBytes),
    cpuCores: h.cpuCores,
    lastSeenAt: h.lastSeenAt,
    gpus: h.gpus.map((g) => ({ index: g.index, name: g.name, memoryBytes: Number(g.memoryBytes) })),
  }));
}
