import "server-only";
import { z } from "zod";
import type { DbClient } from "../db";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";
import { parseHostLabels } from "../host-labels";

const indices = z.array(z.number().int()).catch([]);
const specFields = z
  .object({ engine: z.string().catch("?"), model: z.string().catch("?") })
  .catch({ engine: "?", model: "?" });

export interface ReplicaView {
  replica: number;
  hostId: string | null;
  hostName: string | null;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  hostPort: number | null;
  state: string;
  /** The engine's progress line while loading, its error line after an exit, or why the reconciler could not act. */
  detail: string | null;
  exitCode: number | null;
  endpoint: string | null;
  containerId: string | null;
  error: string | null;
  retryAt: Date | null;
  stateSince: Date;
  observedAt: Date | null;
}

export interface InstanceView {
  id: string;
  layoutId: string;
  layoutName: string;
  revisionId: string;
  instanceKey: string;
  engine: string;
  model: string;
  desiredState: string;
  observedState: string;
  replicaCount: number;
  hostId: string | null;
  hostName: string | null;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  lastError: string | null;
  updatedAt: Date;
  replicas: ReplicaView[];
}

export interface InstanceFilter {
  layoutId?: string;
  hostId?: string;
  /** A replica state: instances with at least one replica in it. */
  state?: string;
}

/** Applied instances with every replica's placement and observed state, by layout then key. */
export async function listInstanceReplicas(client: DbClient, filter: InstanceFilter = {}): Promise<InstanceView[]> {
  return (await listInstanceReplicasPage(client, filter)).items;
}

/** A page of them for the API, newest first (keyset on id); without a page, all of them by layout then key. */
export async function listInstanceReplicasPage(
  client: DbClient,
  filter: InstanceFilter,
  page?: PageRequest,
): Promise<PageOf<InstanceView>> {
  const rows = await client.instance.findMany({
    where: {
      ...(filter.layoutId && { layoutId: filter.layoutId }),
      ...((filter.hostId || filter.state) && {
        replicas: {
          some: { ...(filter.hostId && { hostId: filter.hostId }), ...(filter.state && { state: filter.state }) },
        },
      }),
    },
    include: { layout: { select: { name: true } }, replicas: { orderBy: { replica: "asc" } } },
    orderBy: page ? [{ createdAt: "desc" }, { id: "desc" }] : [{ layout: { name: "asc" } }, { instanceKey: "asc" }],
    ...pageArgs(page),
  });
  const hosts = new Map(
    (await client.host.findMany({ select: { id: true, name: true, labels: true } })).map((h) => [h.id, h]),
  );
  const views = rows.map((r): InstanceView => {
    const host = r.hostId ? hosts.get(r.hostId) : undefined;
    const spec = specFields.parse(JSON.parse(r.spec));
    return {
      id: r.id,
      layoutId: r.layoutId,
      layoutName: r.layout.name,
      revisionId: r.revisionId,
      instanceKey: r.instanceKey,
      engine: spec.engine,
      model: spec.model,
      desiredState: r.desiredState,
      observedState: r.observedState,
      replicaCount: r.replicaCount,
      hostId: r.hostId,
      hostName: host?.name ?? null,
      hostLabels: host ? parseHostLabels(host.labels) : {},
      gpuIndices: indices.parse(JSON.parse(r.gpuIndices)),
      lastError: r.lastError,
      updatedAt: r.updatedAt,
      replicas: r.replicas.map((x) => {
        const h = x.hostId ? hosts.get(x.hostId) : undefined;
        return {
          replica: x.replica,
          hostId: x.hostId,
          hostName: h?.name ?? null,
          hostLabels: h ? parseHostLabels(h.labels) : {},
          gpuIndices: indices.parse(JSON.parse(x.gpuIndices)),
          hostPort: x.hostPort,
          state: x.state,
          detail: x.detail,
          exitCode: x.exitCode,
          endpoint: x.endpoint,
          containerId: x.containerId,
          error: x.error,
          retryAt: x.retryAt,
          stateSince: x.stateSince,
          observedAt: x.observedAt,
        };
      }),
    };
  });
  return pageOf(views, page);
}
