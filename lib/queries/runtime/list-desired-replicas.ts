import "server-only";
import { z } from "zod";
import type { DbClient } from "../db";

const indices = z.array(z.number().int()).catch([]);

/** A replica row with what the reconciler needs: the instance's spec and desired state, and what it last observed. */
export interface DesiredReplicaRow {
  replicaId: string;
  instanceId: string;
  layoutId: string;
  instanceKey: string;
  replica: number;
  hostId: string | null;
  gpuIndices: number[];
  hostPort: number | null;
  desiredState: string;
  generation: number;
  /** The Instance document as applied (JSON). */
  spec: string;
  observed: {
    state: string;
    detail: string | null;
    exitCode: number | null;
    containerId: string | null;
    endpoint: string | null;
    error: string | null;
    attempts: number;
    retryAt: Date | null;
    hasLogTail: boolean;
  };
}

/** Every replica of every applied instance. */
export async function listDesiredReplicas(client: DbClient): Promise<DesiredReplicaRow[]> {
  const rows = await client.instanceReplica.findMany({
    include: {
      instance: { select: { layoutId: true, instanceKey: true, desiredState: true, generation: true, spec: true } },
    },
    orderBy: [{ instanceId: "asc" }, { replica: "asc" }],
  });
  return rows.map((r) => ({
    replicaId: r.id,
    instanceId: r.instanceId,
    layoutId: r.instance.layoutId,
    instanceKey: r.instance.instanceKey,
    replica: r.replica,
    hostId: r.hostId,
    gpuIndices: indices.parse(JSON.parse(r.gpuIndices)),
    hostPort: r.hostPort,
    desiredState: r.instance.desiredState,
    generation: r.instance.generation,
    spec: r.instance.spec,
    observed: {
      state: r.state,
      detail: r.detail,
      exitCode: r.exitCode,
      containerId: r.containerId,
      endpoint: r.endpoint,
      error: r.error,
      attempts: r.attempts,
      retryAt: r.retryAt,
      hasLogTail: r.logTail !== null,
    },
  }));
}
