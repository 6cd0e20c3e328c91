import "server-only";
import type { DbClient } from "../db";

export interface ReplicaPlacement {
  replica: number;
  hostId: string;
  gpuIndices: number[];
  hostPort: number;
}

/**
 * Sets how many replicas an instance has: new ones are inserted at their placements, the ones past `count` are
 * deleted (the reconciler then removes their containers as orphans; their state history stays).
 */
export async function setReplicas(
  client: DbClient,
  instanceId: string,
  count: number,
  added: readonly ReplicaPlacement[],
): Promise<void> {
  await client.instanceReplica.deleteMany({ where: { instanceId, replica: { gte: count } } });
  for (const p of added) {
    await client.instanceReplica.create({
      data: {
        instanceId,
        replica: p.replica,
        hostId: p.hostId,
        gpuIndices: JSON.stringify(p.gpuIndices),
        hostPort: p.hostPort,
      },
    });
  }
  await client.instance.update({ where: { id: instanceId }, data: { replicaCount: count } });
}
