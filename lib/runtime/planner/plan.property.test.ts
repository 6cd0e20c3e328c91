import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replicaKeyString } from "../spec/labels";
import { INSTALLATION, applyActions, desiredArb, observedArb, reachableArb } from "../testing/planner-world";
import { planReconcile } from "./plan";
import type { ObservedContainer } from "./types";

const NOW = 1000;
const plan = (
  desired: Parameters<typeof planReconcile>[0]["desired"],
  observed: ObservedContainer[],
  reachable: Set<string>,
) => planReconcile({ installationId: INSTALLATION, desired, observed, reachable, nowMs: NOW });

/** Containers the planner may never act on: another installation's, unlabelled ones, and any on an unreachable host. */
const untouchable = (c: ObservedContainer, reachable: Set<string>) =>
  !reachable.has(c.hostId) || c.labels === null || c.labels.installationId !== INSTALLATION;

describe("planReconcile (property)", () => {
  it("never acts on an unreachable host or a container that is not ours", () => {
    fc.assert(
      fc.property(desiredArb, observedArb, reachableArb, (desired, observed, reachable) => {
        const { actions } = plan(desired, observed, reachable);
        const forbidden = new Set(observed.filter((c) => untouchable(c, reachable)).map((c) => c.id));
        for (const a of actions) {
          expect(reachable.has(a.hostId)).toBe(true);
          if ("containerId" in a) expect(forbidden.has(a.containerId)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("acts on each container at most once and creates each replica at most once", () => {
    fc.assert(
      fc.property(desiredArb, observedArb, reachableArb, (desired, observed, reachable) => {
        const { actions } = plan(desired, observed, reachable);
        const ids = actions.flatMap((a) => ("containerId" in a ? [a.containerId] : []));
        expect(new Set(ids).size).toBe(ids.length);
        const created = actions.filter((a) => a.kind === "create" || a.kind === "replace").map((a) => a.key);
        expect(new Set(created).size).toBe(created.length);
      }),
      { numRuns: 500 },
    );
  });

  it("converges in one round: after its actions, planning again finds nothing to do (idempotent)", () => {
    fc.assert(
      fc.property(desiredArb, observedArb, reachableArb, (desired, observed, reachable) => {
        const first = plan(desired, observed, reachable);
        const after = applyActions(observed, first.actions);
        const second = plan(desired, after, reachable);
        // "removing" containers finish on their own; Docker restarts a restarting one itself.
        expect(second.actions).toEqual([]);
        expect(second.waiting.sort()).toEqual(first.waiting.sort());
      }),
      { numRuns: 500 },
    );
  });

  it("leaves exactly one container per replica that should run on a reachable host, with the right spec, and none of ours that is not wanted", () => {
    fc.assert(
      fc.property(desiredArb, observedArb, reachableArb, (desired, observed, reachable) => {
        const noBackoff = desired.map(({ retryAtMs: _ignored, ...d }) => d);
        const after = applyActions(observed, plan(noBackoff, observed, reachable).actions);
        for (const d of noBackoff) {
          if (!reachable.has(d.hostId)) continue;
          const key = replicaKeyString(d.key);
          const mine = after.filter((c) => !untouchable(c, reachable) && replicaKeyString(c.labels!) === key);
          if (d.running && d.spec) {
            expect(mine).toHaveLength(1);
            if (mine[0]!.state !== "removing") expect(mine[0]!.labels!.specHash).toBe(d.spec.specHash);
            expect(mine[0]!.hostId).toBe(d.hostId);
          } else {
            expect(mine.length).toBeLessThanOrEqual(1);
            if (!d.running) for (const c of mine) expect(["running"]).not.toContain(c.state);
          }
        }
        const wanted = new Set(noBackoff.map((d) => `${d.hostId}|${replicaKeyString(d.key)}`));
        for (const c of after) {
          if (untouchable(c, reachable)) continue;
          expect(wanted.has(`${c.hostId}|${replicaKeyString(c.labels!)}`)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
