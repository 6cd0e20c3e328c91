import "server-only";
import type { DbClient } from "../db";

export interface ReplicaObservationChange {
  replicaId: string;
  instanceId: string;
  replica: number;
  state: string;
  detail: string | null;
  exitCode: number | null;
  containerId: string | null;
  endpoint: string | null;
  /** Replaced when given (null clears it); kept otherwise. */
  logTail?: string[] | null;
  /** The state differs from the stored one: a history row is written and stateSince moves. */
  stateChanged: boolean;
}

/**
 * Writes what a reconcile pass observed, in one transaction: the replica rows, a history row per state change, and
 * each touched instance's summary (replica 0's state and container, the first error).
 */
export async function recordReplicaObservations(
  client: DbClient,
  changes: readonly ReplicaObservationChange[],
  now: Date,
): Promise<void> {
  for (const c of changes) {
    await client.instanceReplica.update({
      where: { id: c.replicaId },
      data: {
        state: c.state,
        detail: c.detail,
        exitCode: c.exitCode,
        containerId: c.containerId,
        endpoint: c.endpoint,
        observedAt: now,
        ...(c.logTail !== undefined && { logTail: c.logTail === null ? null : c.logTail.join("\n") }),
        ...(c.stateChanged && { stateSince: now }),
      },
    });
    if (c.stateChanged) {
      await client.replicaEvent.create({
        data: {
          instanceId: c.instanceId,
          replica: c.replica,
          state: c.state,
          detail: c.detail,
          exitCode: c.exitCode,
          at: now,
        },
      });
    }
  }
  for (const instanceId of new Set(changes.map((c) => c.instanceId))) {
    const first = await client.instanceReplica.findFirst({ where: { instanceId }, orderBy: { replica: "asc" } });
    const failing = await client.instanceReplica.findFirst({
      where: { instanceId, OR: [{ error: { not: null } }, { state: { in: ["exited", "failed", "unreachable"] } }] },
      orderBy: { replica: "asc" },
    });
    await client.instance.update({
      where: { id: instanceId },
      data: {
        observedState: first?.state ?? "unknown",
        containerId: first?.containerId ?? null,
        lastError: failing ? (failing.error ?? failing.detail) : null,
      },
    });
  }
}
