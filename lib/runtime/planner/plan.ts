import { replicaKeyString } from "../spec/labels";
import type { DesiredReplica, ObservedContainer, ReconcileAction } from "./types";

export interface PlanInput {
  installationId: string;
  desired: readonly DesiredReplica[];
  observed: readonly ObservedContainer[];
  /** Hosts whose containers could be listed in this pass; nothing is done on the others. */
  reachable: ReadonlySet<string>;
  nowMs: number;
}

export interface Plan {
  actions: ReconcileAction[];
  /** Replicas that need a create, start or replace but are backing off. */
  waiting: string[];
}

const isOurs = (c: ObservedContainer, installationId: string) => c.labels?.installationId === installationId;

/** Of several containers for one replica, the one to keep: the right spec, then running, then the newest. */
function rank(c: ObservedContainer, specHash: string | undefined): number[] {
  return [c.labels?.specHash === specHash ? 1 : 0, c.state === "running" ? 1 : 0, c.createdAtMs];
}
const better = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

/**
 * The level-based heart of the reconciler, pure: from what should run and what the reachable hosts run now, the
 * actions that make them agree. Containers without fleetdeck's labels of this installation are never touched; hosts
 * not reachable in this pass get no action. Applying the actions and planning again yields no action.
 */
export function planReconcile(input: PlanInput): Plan {
  const { desired, reachable, nowMs } = input;
  const actions: ReconcileAction[] = [];
  const waiting: string[] = [];
  const desiredByKey = new Map(desired.map((d) => [replicaKeyString(d.key), d]));
  const kept = new Map<string, ObservedContainer>();

  for (const c of input.observed) {
    if (!reachable.has(c.hostId) || !isOurs(c, input.installationId)) continue;
    const key = replicaKeyString(c.labels!);
    const want = desiredByKey.get(key);
    if (!want) {
      actions.push({ kind: "remove", hostId: c.hostId, key, containerId: c.id, reason: "orphan" });
      continue;
    }
    if (want.hostId !== c.hostId) {
      actions.push({ kind: "remove", hostId: c.hostId, key, containerId: c.id, reason: "moved" });
      continue;
    }
    const current = kept.get(key);
    if (!current) {
      kept.set(key, c);
      continue;
    }
    const hash = want.spec?.specHash;
    const [keep, drop] = better(rank(c, hash), rank(current, hash)) ? [c, current] : [current, c];
    kept.set(key, keep);
    actions.push({ kind: "remove", hostId: drop.hostId, key, containerId: drop.id, reason: "duplicate" });
  }

  for (const [key, want] of desiredByKey) {
    if (!reachable.has(want.hostId)) continue;
    const have = kept.get(key);
    const held = want.retryAtMs !== undefined && want.retryAtMs > nowMs;
    const act = (action: ReconcileAction) => {
      if (held) waiting.push(key);
      else actions.push(action);
    };
    if (!want.running) {
      if (have && (have.state === "running" || have.state === "restarting"))
        actions.push({ kind: "stop", hostId: have.hostId, key, containerId: have.id });
      continue;
    }
    if (!want.spec) continue;
    if (!have) {
      act({ kind: "create", hostId: want.hostId, key, spec: want.spec });
      continue;
    }
    if (have.state === "removing") continue;
    if (have.labels!.specHash !== want.spec.specHash || have.state === "dead") {
      act({ kind: "replace", hostId: have.hostId, key, containerId: have.id, spec: want.spec });
      continue;
    }
    if (have.state === "created" || have.state === "exited")
      act({ kind: "start", hostId: have.hostId, key, containerId: have.id });
  }
  return { actions, waiting };
}
