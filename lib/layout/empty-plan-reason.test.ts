import { describe, expect, it } from "vitest";
import { placedInstance, runningAs } from "./testing/rollout-fixtures";
import type { Instance } from "../vocabulary/layout-schema";
import { emptyPlanReason } from "./empty-plan-reason";
import { planRollout } from "./rollout";

const inst = placedInstance;
const running = runningAs;
const reason = (instances: Instance[], now: Instance[] = []) =>
  emptyPlanReason({ instances }, planRollout({ schemaVersion: 1, name: "t", hosts: [], instances }, now.map(running)));

describe("emptyPlanReason", () => {
  it("is null when the plan has a step: something to start, stop, replace or keep", () => {
    expect(reason([inst("a")])).toBeNull();
    expect(reason([], [inst("old")])).toBeNull();
    expect(reason([inst("a")], [inst("a")])).toBeNull();
  });

  it("says the layout has no instances when it has none and nothing runs", () => {
    expect(reason([])).toBe("Nothing to apply: the layout has no instances and nothing runs for it.");
  });

  it("says none is placed, and what to do, when every instance lacks a placement", () => {
    expect(reason([inst("a", { placement: undefined })])).toBe(
      "Nothing to apply: none of the layout's 1 instance is placed on a host's GPUs, and nothing runs for it. Place it in the designer and save a new revision.",
    );
    expect(reason([inst("a", { placement: undefined }), inst("b", { placement: undefined })])).toMatch(
      /none of the layout's 2 instances is placed .* Place them in the designer/,
    );
  });
});
