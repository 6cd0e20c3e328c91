/**
 * From the running instances to the desired layout: which to stop, start, replace or keep.
 * A changed instance is replaced (stopped, then started). Steps that free GPUs come before
 * steps that take them; a swap cycle between replaced instances is broken into stop + start.
 */
import { changedFields } from "./diff";
import type { Instance, Layout } from "../vocabulary/layout-schema";

export type RolloutAction = "start" | "stop" | "replace" | "keep";

export interface RolloutStep {
  action: RolloutAction;
  instanceId: string;
  reason: string;
}

export type RunningInstance = { instanceId: string } & Instance;

/** Fields that do not need a restart when they change. */
const COSMETIC = ["name", "id", "instanceId"];

const gpusOf = (instance: Pick<Instance, "placement"> | undefined): string[] =>
  instance?.placement ? instance.placement.gpuIndices.map((i) => `${instance.placement!.hostId}/${i}`) : [];

const normalized = (instance: Instance) => ({
  ...instance,
  placement: instance.placement
    ? { hostId: instance.placement.hostId, gpuIndices: [...instance.placement.gpuIndices].sort((a, b) => a - b) }
    : null,
});

interface Pending {
  step: RolloutStep;
  frees: string[];
  takes: string[];
}

const RANK: Record<RolloutAction, number> = { stop: 0, replace: 1, start: 2, keep: 3 };

export function planRollout(desired: Layout, running: readonly RunningInstance[]): RolloutStep[] {
  const runningById = new Map(running.map((r) => [r.instanceId, r]));
  const desiredIds = new Set(desired.instances.map((i) => i.id));
  const pending: Pending[] = [];

  for (const r of running) {
    if (!desiredIds.has(r.instanceId))
      pending.push({
        step: { action: "stop", instanceId: r.instanceId, reason: "not in the layout" },
        frees: gpusOf(r),
        takes: [],
      });
  }
  for (const want of desired.instances) {
    const have = runningById.get(want.id);
    if (!have) {
      if (want.placement)
        pending.push({
          step: { action: "start", instanceId: want.id, reason: "new in the layout" },
          frees: [],
          takes: gpusOf(want),
        });
      continue;
    }
    if (!want.placement) {
      pending.push({
        step: { action: "stop", instanceId: want.id, reason: "unplaced in the layout" },
        frees: gpusOf(have),
        takes: [],
      });
      continue;
    }
    const { instanceId: _ignored, ...haveInstance } = have;
    const fields = Object.keys(changedFields(normalized(haveInstance), normalized(want), COSMETIC));
    if (fields.length === 0)
      pending.push({ step: { action: "keep", instanceId: want.id, reason: "unchanged" }, frees: [], takes: [] });
    else
      pending.push({
        step: { action: "replace", instanceId: want.id, reason: `changed: ${fields.join(", ")}` },
        frees: gpusOf(have),
        takes: gpusOf(want),
      });
  }
  return order(pending);
}

/** Topological order: a step that frees a GPU precedes any other step that takes it; ties by action, then id. */
function order(pending: Pending[]): RolloutStep[] {
  pending.sort(
    (a, b) =>
      RANK[a.step.action] - RANK[b.step.action] ||
      (a.step.instanceId < b.step.instanceId ? -1 : a.step.instanceId > b.step.instanceId ? 1 : 0),
  );
  const done: RolloutStep[] = [];
  let left = [...pending];
  while (left.length > 0) {
    const freedLater = new Set(left.flatMap((p) => p.frees));
    const ready = left.find((p) => p.takes.every((gpu) => !freedLater.has(gpu) || p.frees.includes(gpu)));
    if (ready) {
      done.push(ready.step);
      left = left.filter((p) => p !== ready);
      continue;
    }
    // Only replaces that wait on each other remain: stop the first one now, start it at the end.
    const first = left.find((p) => p.step.action === "replace")!;
    const why = `${first.step.reason}; split into stop + start to break a GPU swap with another replaced instance`;
    done.push({ action: "stop", instanceId: first.step.instanceId, reason: why });
    left = left.filter((p) => p !== first);
    left.push({
      step: { action: "start", instanceId: first.step.instanceId, reason: why },
      frees: [],
      takes: first.takes,
    });
  }
  return done;
}
