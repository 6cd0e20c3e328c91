import "server-only";
import { z } from "zod";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";

const gpuIndicesSchema = z.array(z.number().int()).catch([]);

export interface InstanceRow {
  id: string;
  layoutId: string;
  revisionId: string;
  hostId: string | null;
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

/** Every applied instance with its layout and host, most recently changed first. */
export async function listInstances(client: DbClient): Promise<InstanceRow[]> {
  return (await listInstancesPage(client)).items;
}

/** A page of applied instances in creation order (newest first) for the API; without a page, all by last change. */
export async function listInstancesPage(client: DbClient, page?: PageRequest): Promise<PageOf<InstanceRow>> {
  const rows = await client.instance.findMany({
    include: { layout: true, host: true },
    orderBy: page ? [{ createdAt: "desc" }, { id: "desc" }] : [{ updatedAt: "desc" }],
    ...pageArgs(page),
  });
  const items = rows.map((r) => ({
    id: r.id,
    layoutId: r.layoutId,
    revisionId: r.revisionId,
    hostId: r.hostId,
    instanceKey: r.instanceKey,
    layoutName: r.layout.name,
    hostName: r.host?.name ?? null,
    hostLabels: r.host ? parseHostLabels(r.host.labels) : {},
    gpuIndices: gpuIndicesSchema.parse(JSON.parse(r.gpuIndices)),
    desiredState: r.desiredState,
    observedState: r.observedState,
    lastError: r.lastError,
    updatedAt: r.updatedAt,
  }));
  return pageOf(items, page);
}
