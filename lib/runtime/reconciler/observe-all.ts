import type { ReplicaObservationChange } from "../../queries/runtime/record-replica-observations";
import type { HostRuntime } from "../drivers/host-runtime";
import { concurrencyLimiter } from "../health/limit-concurrency";
import { needsLogs, observeReplica } from "../observe/observe-replica";
import type { ObservedContainer } from "../planner/types";
import type { DesiredEntry } from "./desired";
import { probeHealth } from "./probe-health";

export const LOG_TAIL_LINES = 50;

export interface ObserveContext {
  entries: readonly DesiredEntry[];
  /** Containers per host after this pass's actions; a host missing here could not be listed. */
  containers: ReadonlyMap<string, ObservedContainer[]>;
  unreachable: ReadonlyMap<string, string>;
  runtimes: ReadonlyMap<string, HostRuntime>;
  /** The error of each replica's last failed action (this pass's outcome, else the stored one). */
  errors: ReadonlyMap<string, string | null>;
  /** Probes and log reads in flight at once, over all hosts. */
  concurrency: number;
}

/** The replica's container: the one with the desired spec if there are several, else any of its key on its host. */
function containerOf(entry: DesiredEntry, containers: ObservedContainer[] | undefined): ObservedContainer | undefined {
  const mine = (containers ?? []).filter(
    (c) =>
      c.labels &&
      c.labels.layoutId === entry.row.layoutId &&
      c.labels.instanceKey === entry.row.instanceKey &&
      c.labels.replica === entry.row.replica,
  );
  return mine.find((c) => c.labels!.specHash === entry.desired?.spec?.specHash) ?? mine[0];
}

/**
 * Observes every replica after the pass's actions: its container's state, the server's /health probe while it is
 * not known healthy, the engine's log while it loads or after it exited. Returns only what changed.
 */
export async function observeAll(
  ctx: ObserveContext,
): Promise<{ changes: ReplicaObservationChange[]; loading: { address: string; port: number }[] }> {
  const limit = concurrencyLimiter(ctx.concurrency);
  const loading: { address: string; port: number }[] = [];
  const changes = await Promise.all(
    ctx.entries.map((entry) =>
      limit(async (): Promise<ReplicaObservationChange | null> => {
        const { row } = entry;
        const hostId = row.hostId ?? "";
        const runtime = ctx.runtimes.get(hostId);
        const unreachable = ctx.unreachable.get(hostId);
        const container = unreachable ? undefined : containerOf(entry, ctx.containers.get(hostId));
        const running = row.desiredState === "running";
        const port = container?.hostPort ?? entry.desired?.spec?.hostPort ?? row.hostPort;
        let answers: boolean | undefined;
        if (runtime && container?.state === "running" && container.health !== "healthy" && running && port)
          answers = await probeHealth(runtime.address, port);
        let logLines: string[] | undefined;
        const exitedBefore = row.observed.state === "exited" && row.observed.containerId === container?.id;
        const wantsLogs =
          runtime &&
          needsLogs(container, running, answers) &&
          (container!.state === "running" ||
            !exitedBefore ||
            !row.observed.hasLogTail ||
            container!.exitCode !== row.observed.exitCode);
        if (wantsLogs) logLines = await runtime.logs(container!.id, LOG_TAIL_LINES).catch(() => undefined);
        const seen = observeReplica({
          running,
          unreachable,
          error: entry.specError ?? ctx.errors.get(row.replicaId) ?? null,
          pulling: entry.desired?.spec ? (runtime?.pulling(entry.desired.spec.image) ?? null) : null,
          container,
          answers,
          logLines,
        });
        if (seen.state === "loading" && runtime && port) loading.push({ address: runtime.address, port });
        // An exited container keeps the error line found when its logs were read.
        const detail = seen.state === "exited" && !logLines && exitedBefore ? row.observed.detail : seen.detail;
        const endpoint = runtime && port ? `http://${runtime.address}:${port}` : row.observed.endpoint;
        const logTail =
          seen.state === "exited"
            ? seen.logTail
            : seen.state === "healthy" && row.observed.hasLogTail
              ? null
              : undefined;
        const same =
          seen.state === row.observed.state &&
          detail === row.observed.detail &&
          seen.exitCode === row.observed.exitCode &&
          seen.containerId === row.observed.containerId &&
          endpoint === row.observed.endpoint &&
          logTail === undefined;
        if (same) return null;
        return {
          replicaId: row.replicaId,
          instanceId: row.instanceId,
          replica: row.replica,
          state: seen.state,
          detail,
          exitCode: seen.exitCode,
          containerId: seen.containerId,
          endpoint,
          ...(logTail !== undefined && { logTail }),
          stateChanged: seen.state !== row.observed.state,
        };
      }),
    ),
  );
  return { changes: changes.filter((c): c is ReplicaObservationChange => c !== null), loading };
}
