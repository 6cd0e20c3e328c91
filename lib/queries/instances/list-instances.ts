import "server-only";
import { authorize } from "../../auth/authorize";
import { db } from "../db";
import { z } from "zod";

const labelsSchema = z.record(z.string(), z.string()).catch({});

export interface InstanceRow {
  id: string;
  instanceKey: string;
  layoutName: string;
  hostName: string | null;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  desiredState: string;
  observedState: string;
  lastError: string | null;
  updatedAt: Date;
}

export async function listInstances(): Promise<InstanceRow[]> {
  await authorize("instance.read", { type: "global" });
  const rows = await db().instance.findMany({ include: { layout: true, host: true }, orderBy: { updatedAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    instanceKey: r.instanceKey,
    layoutName: r.layout.name,
    hostName: r.host?.name ?? null,
    hostLabels: r.host ? labelsSchema.parse(JSON.parse(r.host.labels)) : {},
    gpuIndices: JSON.parse(r.gpuIndices) as number[],
    desiredState: r.desiredState,
    observedState: r.observedState,
    lastError: r.lastError,
    updatedAt: r.updatedAt,
  }));
}
