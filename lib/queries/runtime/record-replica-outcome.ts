import "server-only";
import type { DbClient } from "../db";

/** An action on the replica failed: remember the error and when to try again (exponential back-off). */
export async function recordReplicaFailure(
  client: DbClient,
  replicaId: string,
  failure: { error: string; attempts: number; retryAt: Date },
): Promise<void> {
  await client.instanceReplica.updateMany({ where: { id: replicaId }, data: failure });
}

/** Actions on these replicas succeeded: their back-off ends. */
export async function clearReplicaFailures(client: DbClient, replicaIds: readonly string[]): Promise<void> {
  if (replicaIds.length === 0) return;
  await client.instanceReplica.updateMany({
    where: { id: { in: [...replicaIds] }, OR: [{ attempts: { gt: 0 } }, { error: { not: null } }] },
    data: { error: null, attempts: 0, retryAt: null },
  });
}
