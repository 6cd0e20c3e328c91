import "server-only";
import { db } from "../db";

export interface InstanceRow {
  id: string;
  instanceKey: string;
  layoutName: string;
  hostName: string | null;
  gpuIndices: number[];
  desiredState: string;
  observedState: string;
  lastError: string | null;
  updatedAt: Date;
}

export async function listInstances(): Promise<InstanceRow[]> {
  const rows = await db().instance.findMany({ include: { layout: true, host: true }, orderBy: { updatedAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    instanceKey: r.instanceKey,
    layoutName: r.layout.name,
    hostName: r.host?.name ?? null,
    gpuIndices: JSON.parse(r.gpuIndices) as number[],
    desiredState: r.desiredState,
    observedState: r.observedState,
    lastError: r.lastError,
    updatedAt: r.updatedAt,
  }));
}
