import { describe, expect, it } from "vitest";
import type { ManagedLabels } from "../spec/labels";
import { INSTALLATION, fakeSpec } from "../testing/planner-world";
import { planReconcile } from "./plan";
import type { DesiredReplica, ObservedContainer } from "./types";
import { backoffDelayMs } from "./backoff";

const key = { layoutId: "L", instanceKey: "a", replica: 0 };
const labels = (specHash: string, installationId = INSTALLATION): ManagedLabels => ({
  installationId,
  ...key,
  generation: 0,
  specHash,
});
const want = (over: Partial<DesiredReplica> = {}): DesiredReplica => ({
  key,
  hostId: "h1",
  running: true,
  spec: fakeSpec("L/a/0", 1),
  ...over,
});
const have = (over: Partial<ObservedContainer> = {}): ObservedContainer => ({
  id: "c1",
  name: "fd-a",
  hostId: "h1",
  labels: labels("L/a/0#1"),
  state: "running",
  health: "healthy",
  exitCode: null,
  createdAtMs: 1,
  hostPort: 8000,
  ...over,
});
const plan = (desired: DesiredReplica[], observed: ObservedContainer[], reachable = ["h1", "h2"], nowMs = 100) =>
  planReconcile({ installationId: INSTALLATION, desired, observed, reachable: new Set(reachable), nowMs });

describe("planReconcile", () => {
  it("creates a missing replica and leaves a running one with the right spec alone", () => {
    expect(plan([want()], []).actions).toEqual([
      { kind: "create", hostId: "h1", key: "L/a/0", spec: fakeSpec("L/a/0", 1) },
    ]);
    expect(plan([want()], [have()]).actions).toEqual([]);
  });
  it("replaces a container whose spec hash changed", () => {
    expect(plan([want()], [have({ labels: labels("L/a/0#0") })]).actions).toEqual([
      { kind: "replace", hostId: "h1", key: "L/a/0", containerId: "c1", spec: fakeSpec("L/a/0", 1) },
    ]);
  });
  it("starts a created or exited container, stops one that should not run", () => {
    expect(plan([want()], [have({ state: "exited" })]).actions[0]).toMatchObject({ kind: "start", containerId: "c1" });
    expect(plan([want()], [have({ state: "created" })]).actions[0]).toMatchObject({ kind: "start" });
    expect(plan([want({ running: false })], [have()]).actions[0]).toMatchObject({ kind: "stop" });
    expect(plan([want({ running: false })], [have({ state: "exited" })]).actions).toEqual([]);
  });
  it("lets Docker restart a crashing container (restart policy) instead of fighting it", () => {
    expect(plan([want()], [have({ state: "restarting", exitCode: 2 })]).actions).toEqual([]);
  });
  it("removes orphans, duplicates and containers left on the old host", () => {
    const orphan = have({ id: "o", labels: { ...labels("x"), instanceKey: "gone" } });
    const dupOld = have({ id: "d1", createdAtMs: 1, state: "exited" });
    const dupNew = have({ id: "d2", createdAtMs: 2 });
    expect(plan([want()], [orphan, dupOld, dupNew]).actions).toEqual([
      { kind: "remove", hostId: "h1", key: "L/gone/0", containerId: "o", reason: "orphan" },
      { kind: "remove", hostId: "h1", key: "L/a/0", containerId: "d1", reason: "duplicate" },
    ]);
    expect(plan([want({ hostId: "h2" })], [have()]).actions).toEqual([
      { kind: "remove", hostId: "h1", key: "L/a/0", containerId: "c1", reason: "moved" },
      { kind: "create", hostId: "h2", key: "L/a/0", spec: fakeSpec("L/a/0", 1) },
    ]);
  });
  it("never touches a container without our labels or of another installation", () => {
    const foreign = [have({ id: "u", labels: null }), have({ id: "b", labels: labels("zzz", "install-b") })];
    expect(plan([], foreign).actions).toEqual([]);
  });
  it("does nothing on an unreachable host: desired state waits there", () => {
    expect(plan([want()], [], ["h2"]).actions).toEqual([]);
    expect(plan([], [have()], ["h2"]).actions).toEqual([]);
  });
  it("holds back creates, starts and replaces while a replica backs off, but never a stop", () => {
    const held = plan([want({ retryAtMs: 500 })], [], ["h1"], 100);
    expect(held).toEqual({ actions: [], waiting: ["L/a/0"] });
    expect(plan([want({ retryAtMs: 50 })], [], ["h1"], 100).actions).toHaveLength(1);
    expect(plan([want({ running: false, retryAtMs: 500 })], [have()]).actions[0]).toMatchObject({ kind: "stop" });
  });
  it("creates nothing for a replica whose spec could not be built", () => {
    expect(plan([want({ spec: null })], []).actions).toEqual([]);
  });
});

describe("back-off", () => {
  it("doubles from 2 s and stops growing at 5 minutes", () => {
    expect([0, 1, 2, 3, 4].map(backoffDelayMs)).toEqual([0, 2000, 4000, 8000, 16000]);
    expect(backoffDelayMs(9)).toBe(300_000);
    expect(backoffDelayMs(1000)).toBe(300_000);
  });
});
