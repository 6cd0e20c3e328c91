import "server-only";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

export interface InstanceReplicaPlace {
  replica: number;
  hostId: string | null;
  hostName: string | null;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  state: string;
}

export interface InstanceWithHost {
  id: string;
  layoutId: string;
  revisionId: string;
  instanceKey: string;
  desiredState: string;
  replicaCount: number;
  /** Replica 0's host labels (the instance's own placement). */
  hostLabels: Record<string, string>;
  hostId: string | null;
  spec: string;
  /** Every replica with its host: actions on the instance touch all of them. */
  replicas: InstanceReplicaPlace[];
}

/** One applied instance with its replicas and their hosts' labels (for the permission checks), or null. */
export async function findInstance(client: DbClient, instanceId: string): Promise<InstanceWithHost | null> {
  const row = await client.instance.findUnique({
    where: { id: instanceId },
    include: { host: true, replicas: { orderBy: { replica: "asc" } } },
  });
  if (!row) return null;
  const hostIds = [...new Set(row.replicas.map((r) => r.hostId).filter((h): h is string => h !== null))];
  const hosts = new Map((await client.host.findMany({ where: { id: { in: hostIds } } })).map((h) => [h.id, h]));
  return {
    id: row.id,
    layoutId: row.layoutId,
    revisionId: row.revisionId,
    instanceKey: row.instanceKey,
    desiredState: row.desiredState,
    replicaCount: row.replicaCount,
    hostLabels: row.host ? parseHostLabels(row.host.labels) : {},
    hostId: row.hostId,
    spec: row.spec,
    replicas: row.replicas.map((r) => {
      const host = r.hostId ? hosts.get(r.hostId) : undefined;
      return {
        replica: r.replica,
        hostId: r.hostId,
        hostName: host?.name ?? null,
        hostLabels: host ? parseHostLabels(host.labels) : {},
        gpuIndices: JSON.parse(r.gpuIndices) as number[],
        state: r.state,
      };
    }),
  };
}
