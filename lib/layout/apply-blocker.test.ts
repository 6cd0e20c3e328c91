import { describe, expect, it } from "vitest";
import { placedInstance, runningAs } from "./testing/rollout-fixtures";
import type { Instance } from "../vocabulary/layout-schema";
import { applyBlocker } from "./apply-blocker";
import { planRollout } from "./rollout";

const inst = placedInstance;
const running = runningAs;
const blocker = (instances: Instance[], { archived = false, now = [] as Instance[] } = {}) =>
  applyBlocker({
    layoutName: "plan-a",
    archived,
    layout: { instances },
    steps: planRollout({ schemaVersion: 1, name: "plan-a", hosts: [], instances }, now.map(running)),
  });

describe("applyBlocker", () => {
  it("lets a plan with steps and placed instances through", () => {
    expect(blocker([inst("a")])).toBeNull();
    expect(blocker([inst("a")], { now: [inst("a")] })).toBeNull();
    expect(blocker([], { now: [inst("old")] })).toBeNull();
  });

  it("refuses an archived layout first, saying how to restore it", () => {
    expect(blocker([inst("a")], { archived: true })).toBe(
      'Layout "plan-a" is archived: restore it on its page before applying a revision of it.',
    );
    expect(blocker([], { archived: true })).toMatch(/is archived/);
  });

  it("refuses an empty plan with the reason", () => {
    expect(blocker([])).toBe("Nothing to apply: the layout has no instances and nothing runs for it.");
  });

  it("names the instances without a placement, since applying refuses them", () => {
    expect(blocker([inst("a"), inst("b", { placement: undefined })])).toBe(
      'Instance "b" of "plan-a" has no placement, and a revision is applied as a whole: place it on a host\'s GPUs in the designer and save a new revision.',
    );
    expect(
      blocker([inst("a", { placement: undefined }), inst("b", { placement: undefined })], { now: [inst("a")] }),
    ).toMatch(/^Instances "a", "b" of "plan-a" have no placement.* place them/);
  });
});
