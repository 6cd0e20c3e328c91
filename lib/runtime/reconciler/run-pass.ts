import type { DesiredReplicaRow } from "../../queries/runtime/list-desired-replicas";
import type { ReconcilerStore } from "../../queries/runtime/reconciler-store";
import { CONVERGING_STATES, type ReplicaState } from "../../vocabulary/replica-state";
import type { HostFacts, HostRuntime } from "../drivers/host-runtime";
import { concurrencyLimiter } from "../health/limit-concurrency";
import type { RuntimeHost } from "../hosts/runtime-host";
import { retryAt } from "../planner/backoff";
import { planReconcile } from "../planner/plan";
import type { ObservedContainer, ReconcileAction } from "../planner/types";
import type { RuntimeSettings } from "../../vocabulary/runtime-settings";
import { type DesiredEntry, desiredEntry } from "./desired";
import { executeActions } from "./execute";
import { observeAll } from "./observe-all";

export interface PassDeps {
  store: ReconcilerStore;
  installationId: string;
  settings: RuntimeSettings;
  hosts: RuntimeHost[];
  runtimeFor: (host: RuntimeHost) => HostRuntime;
  readSecret: (name: string) => Promise<string | null>;
  hostConcurrency: number;
  actionsPerHost: number;
  now: () => number;
}

export interface PassReport {
  durationMs: number;
  hosts: { id: string; reachable: boolean; containers: number; error?: string }[];
  actions: { kind: ReconcileAction["kind"]; key: string; hostId: string; ok: boolean; error?: string }[];
  waiting: string[];
  /** Some replica is on its way somewhere (creating, loading, …): look again soon. */
  converging: boolean;
  /** Where loading engines will answer /health: the loop watches them to pass again as soon as one does. */
  loading: { address: string; port: number }[];
  changes: number;
}

async function listHosts(
  runtimes: Map<string, HostRuntime>,
  installationId: string,
  hostIds: Iterable<string>,
  concurrency: number,
) {
  const limit = concurrencyLimiter(concurrency);
  const containers = new Map<string, ObservedContainer[]>();
  const unreachable = new Map<string, string>();
  const facts = new Map<string, HostFacts>();
  await Promise.all(
    [...hostIds].map((id) =>
      limit(async () => {
        const runtime = runtimes.get(id)!;
        try {
          facts.set(id, await runtime.facts());
          containers.set(id, await runtime.list(installationId));
        } catch (error) {
          unreachable.set(id, error instanceof Error ? error.message : String(error));
        }
      }),
    ),
  );
  return { containers, unreachable, facts };
}

/**
 * One reconcile pass, level-based: list every host's containers, build each replica's spec, plan, act (stops and
 * removals first), list the hosts that changed again, observe every replica and record what changed.
 */
export async function runPass(deps: PassDeps): Promise<PassReport> {
  const started = deps.now();
  const runtimes = new Map<string, HostRuntime>();
  const hostErrors = new Map<string, string>();
  for (const host of deps.hosts) {
    try {
      runtimes.set(host.id, deps.runtimeFor(host));
    } catch (error) {
      hostErrors.set(host.id, error instanceof Error ? error.message : String(error));
    }
  }
  const rows = await deps.store.desiredReplicas();
  const first = await listHosts(runtimes, deps.installationId, runtimes.keys(), deps.hostConcurrency);
  for (const [id, error] of hostErrors) first.unreachable.set(id, error);

  const hfToken = deps.settings.hfTokenSecret
    ? ((await deps.readSecret(deps.settings.hfTokenSecret)) ?? undefined)
    : undefined;
  const ctx = {
    installationId: deps.installationId,
    settings: deps.settings,
    hosts: new Map(deps.hosts.map((h) => [h.id, h])),
    facts: first.facts,
    ...(hfToken && { hfToken }),
  };
  const entries: DesiredEntry[] = rows.map((row) => desiredEntry(row, ctx));
  const plan = planReconcile({
    installationId: deps.installationId,
    desired: entries.flatMap((e) => (e.desired ? [e.desired] : [])),
    observed: [...first.containers.values()].flat(),
    reachable: new Set(first.containers.keys()),
    nowMs: started,
  });
  const outcomes = await executeActions(plan.actions, runtimes, deps.actionsPerHost);
  const errors = await recordOutcomes(deps, rows, entries, outcomes);

  const touched = new Set(plan.actions.map((a) => a.hostId));
  const again = await listHosts(runtimes, deps.installationId, touched, deps.hostConcurrency);
  const containers = new Map([...first.containers, ...again.containers]);
  const unreachable = new Map([...first.unreachable, ...again.unreachable]);
  const { changes, loading } = await observeAll({
    entries,
    containers,
    unreachable,
    runtimes,
    errors,
    concurrency: 16,
  });
  if (changes.length > 0) await deps.store.recordObservations(changes, new Date(deps.now()));

  const stateOf = new Map(changes.map((c) => [c.replicaId, c.state]));
  const converging =
    plan.actions.length > 0 ||
    rows.some((r) => CONVERGING_STATES.has((stateOf.get(r.replicaId) ?? r.observed.state) as ReplicaState));
  return {
    durationMs: deps.now() - started,
    hosts: deps.hosts.map((h) => ({
      id: h.id,
      reachable: containers.has(h.id),
      containers: containers.get(h.id)?.length ?? 0,
      ...(unreachable.has(h.id) && { error: unreachable.get(h.id) }),
    })),
    actions: outcomes.map((o) => ({
      kind: o.action.kind,
      key: o.action.key,
      hostId: o.action.hostId,
      ok: o.ok,
      ...(o.error && { error: o.error }),
    })),
    waiting: plan.waiting,
    converging,
    loading,
    changes: changes.length,
  };
}

/** Failed actions back off (attempts + 1, retry later); successful ones clear the replica's error. */
async function recordOutcomes(
  deps: PassDeps,
  rows: DesiredReplicaRow[],
  entries: DesiredEntry[],
  outcomes: Awaited<ReturnType<typeof executeActions>>,
): Promise<Map<string, string | null>> {
  const byKey = new Map(entries.map((e) => [e.key, e.row]));
  const errors = new Map<string, string | null>(rows.map((r) => [r.replicaId, r.observed.error]));
  const succeeded: string[] = [];
  for (const outcome of outcomes) {
    const row = byKey.get(outcome.action.key);
    if (!row || outcome.action.hostId !== row.hostId) continue;
    if (outcome.ok) {
      succeeded.push(row.replicaId);
      errors.set(row.replicaId, null);
      continue;
    }
    const attempts = row.observed.attempts + 1;
    errors.set(row.replicaId, outcome.error ?? "failed");
    await deps.store.recordFailure(row.replicaId, {
      error: outcome.error ?? "failed",
      attempts,
      retryAt: new Date(retryAt(deps.now(), attempts)),
    });
  }
  await deps.store.clearFailures(succeeded);
  return errors;
}
