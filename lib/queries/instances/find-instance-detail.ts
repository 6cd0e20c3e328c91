import "server-only";
import type { DbClient } from "../db";
import { type InstanceView, listInstanceReplicas } from "./list-instance-replicas";

export interface ReplicaEventView {
  replica: number;
  state: string;
  detail: string | null;
  exitCode: number | null;
  at: Date;
}

export interface InstanceDetail extends InstanceView {
  /** The Instance document as applied (JSON). */
  spec: string;
  generation: number;
  /** State transitions, newest first (at most 200). */
  events: ReplicaEventView[];
  /** Each replica's last 50 log lines from its last exit; only for callers who may read logs. */
  logTails: Record<number, string | null>;
}

/** One instance for its page: replicas, spec, state history and, for those allowed, the last exit's log lines. */
export async function findInstanceDetail(
  client: DbClient,
  instanceId: string,
  { withLogs }: { withLogs: boolean },
): Promise<InstanceDetail | null> {
  const row = await client.instance.findUnique({
    where: { id: instanceId },
    select: { layoutId: true, spec: true, generation: true },
  });
  if (!row) return null;
  const view = (await listInstanceReplicas(client, { layoutId: row.layoutId })).find((i) => i.id === instanceId);
  if (!view) return null;
  const events = await client.replicaEvent.findMany({ where: { instanceId }, orderBy: { at: "desc" }, take: 200 });
  const tails = withLogs
    ? await client.instanceReplica.findMany({ where: { instanceId }, select: { replica: true, logTail: true } })
    : [];
  return {
    ...view,
    spec: row.spec,
    generation: row.generation,
    events: events.map((e) => ({
      replica: e.replica,
      state: e.state,
      detail: e.detail,
      exitCode: e.exitCode,
      at: e.at,
    })),
    logTails: Object.fromEntries(tails.map((t) => [t.replica, t.logTail])),
  };
}
