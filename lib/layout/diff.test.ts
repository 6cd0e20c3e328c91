import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placedInstance, runningAs } from "./testing/rollout-fixtures";
import { diffLayouts } from "./diff";
import { arbitraryLayout } from "./testing/layout-arbitraries";
import type { Instance, Layout } from "../vocabulary/layout-schema";
import { planRollout } from "./rollout";

const inst = placedInstance;
const layout = (
  instances: Instance[],
  hosts: Layout["hosts"] = [{ id: "h1", name: "h1", gpus: [], ramBytes: 1, cpuCores: 1, labels: {} }],
): Layout => ({
  schemaVersion: 1,
  name: "t",
  hosts,
  instances,
});
const running = runningAs;

describe("diffLayouts", () => {
  it("sorts instances into added, removed, moved, changed and unchanged", () => {
    const before = layout([inst("same"), inst("gone"), inst("mover"), inst("tuned"), inst("both")]);
    const after = layout([
      inst("same"),
      inst("mover", { placement: { hostId: "h1", gpuIndices: [3] } }),
      inst("tuned", { gpuMemoryUtilization: 0.8 }),
      inst("both", { tp: 2, placement: { hostId: "h1", gpuIndices: [0, 1] } }),
      inst("fresh"),
    ]);
    const diff = diffLayouts(before, after);
    expect(diff.added.map((i) => i.id)).toEqual(["fresh"]);
    expect(diff.removed.map((i) => i.id)).toEqual(["gone"]);
    expect(diff.unchanged).toEqual(["same"]);
    expect(diff.moved).toEqual([
      { instanceId: "mover", before: { hostId: "h1", gpuIndices: [0] }, after: { hostId: "h1", gpuIndices: [3] } },
      { instanceId: "both", before: { hostId: "h1", gpuIndices: [0] }, after: { hostId: "h1", gpuIndices: [0, 1] } },
    ]);
    expect(diff.changed).toEqual([
      { instanceId: "tuned", fields: { gpuMemoryUtilization: { before: 0.9, after: 0.8 } } },
      { instanceId: "both", fields: { tp: { before: 1, after: 2 } } },
    ]);
  });

  it("reports hosts added, removed and changed", () => {
    const h = (id: string, ramBytes = 1) => ({ id, name: id, gpus: [], ramBytes, cpuCores: 1, labels: {} });
    const diff = diffLayouts(layout([], [h("a"), h("b")]), layout([], [h("a", 2), h("c")]));
    expect(diff.hosts).toEqual({
      added: [h("c")],
      removed: [h("b")],
      changed: [{ hostId: "a", fields: { ramBytes: { before: 1, after: 2 } } }],
    });
  });

  it("finds nothing between a layout and itself", () => {
    fc.assert(
      fc.property(arbitraryLayout, (l) => {
        fc.pre(
          new Set(l.instances.map((i) => i.id)).size === l.instances.length &&
            new Set(l.hosts.map((h) => h.id)).size === l.hosts.length,
        );
        const d = diffLayouts(l, structuredClone(l));
        expect(
          [d.added, d.removed, d.moved, d.changed, d.hosts.added, d.hosts.removed, d.hosts.changed].every(
            (x) => x.length === 0,
          ),
        ).toBe(true);
      }),
    );
  });
});

describe("planRollout", () => {
  it("starts, stops, replaces and keeps", () => {
    const desired = layout([
      inst("keep"),
      inst("renamed", { name: "new name" }),
      inst("changed", { maxModelLen: 8192 }),
      inst("new", { placement: { hostId: "h1", gpuIndices: [5] } }),
    ]);
    const now = [
      inst("keep"),
      inst("renamed"),
      inst("changed"),
      inst("old", { placement: { hostId: "h1", gpuIndices: [6] } }),
    ].map(running);
    expect(planRollout(desired, now)).toEqual([
      { action: "stop", instanceId: "old", reason: "not in the layout" },
      { action: "replace", instanceId: "changed", reason: "changed: maxModelLen" },
      { action: "start", instanceId: "new", reason: "new in the layout" },
      { action: "keep", instanceId: "keep", reason: "unchanged" },
      { action: "keep", instanceId: "renamed", reason: "unchanged" },
    ]);
  });

  it("stops before starting on the same GPUs, whatever the ids", () => {
    const desired = layout([
      inst("a-new", { placement: { hostId: "h1", gpuIndices: [0] } }),
      inst("m", { placement: { hostId: "h1", gpuIndices: [1] } }),
    ]);
    const now = [
      inst("z-old", { placement: { hostId: "h1", gpuIndices: [1] } }),
      inst("m", { placement: { hostId: "h1", gpuIndices: [0] } }),
    ].map(running);
    expect(planRollout(desired, now).map((s) => `${s.action} ${s.instanceId}`)).toEqual([
      "stop z-old",
      "replace m",
      "start a-new",
    ]);
  });

  it("breaks a GPU swap between two replaced instances into stop + start", () => {
    const desired = layout([
      inst("a", { placement: { hostId: "h1", gpuIndices: [1] } }),
      inst("b", { placement: { hostId: "h1", gpuIndices: [0] } }),
    ]);
    const now = [inst("a"), inst("b", { placement: { hostId: "h1", gpuIndices: [1] } })].map(running);
    const steps = planRollout(desired, now);
    expect(steps.map((s) => `${s.action} ${s.instanceId}`)).toEqual(["stop a", "replace b", "start a"]);
    expect(steps[0]?.reason).toMatch(/changed: placement; split into stop \+ start/);
  });

  it("treats the same GPUs in another order as unchanged and stops an instance the layout unplaced", () => {
    const desired = layout([
      inst("a", { tp: 2, placement: { hostId: "h1", gpuIndices: [1, 0] } }),
      inst("b", { placement: null }),
    ]);
    const now = [inst("a", { tp: 2, placement: { hostId: "h1", gpuIndices: [0, 1] } }), inst("b")].map(running);
    expect(planRollout(desired, now)).toEqual([
      { action: "stop", instanceId: "b", reason: "unplaced in the layout" },
      { action: "keep", instanceId: "a", reason: "unchanged" },
    ]);
  });
});
