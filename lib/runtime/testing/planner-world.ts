import fc from "fast-check";
import type { DesiredReplica, ObservedContainer, ReconcileAction } from "../planner/types";
import type { ContainerSpec } from "../spec/container-spec";
import { type ManagedLabels, replicaKeyString } from "../spec/labels";

/** A pure stand-in for the hosts, for the planner's property tests: actions change it the way Docker would. */

export const INSTALLATION = "install-a";
export const HOSTS = ["h1", "h2", "h3"] as const;

let next = 0;
const newId = () => `c${++next}`;

export const fakeSpec = (key: string, version: number): ContainerSpec =>
  ({ name: `fd-${key}`, specHash: `${key}#${version}` }) as unknown as ContainerSpec;

function container(hostId: string, labels: ManagedLabels | null, state: ObservedContainer["state"]): ObservedContainer {
  return {
    id: newId(),
    name: `n${next}`,
    hostId,
    labels,
    state,
    health: null,
    exitCode: null,
    createdAtMs: next,
    hostPort: null,
  };
}

export function applyActions(world: ObservedContainer[], actions: readonly ReconcileAction[]): ObservedContainer[] {
  let out = [...world];
  const labelsOf = (key: string, spec: ContainerSpec): ManagedLabels => {
    const [layoutId = "", instanceKey = "", replica = "0"] = key.split("/");
    return {
      installationId: INSTALLATION,
      layoutId,
      instanceKey,
      replica: Number(replica),
      generation: 0,
      specHash: spec.specHash,
    };
  };
  for (const a of actions) {
    if (a.kind === "create") out.push(container(a.hostId, labelsOf(a.key, a.spec), "running"));
    if (a.kind === "remove") out = out.filter((c) => c.id !== a.containerId);
    if (a.kind === "replace") {
      out = out.filter((c) => c.id !== a.containerId);
      out.push(container(a.hostId, labelsOf(a.key, a.spec), "running"));
    }
    if (a.kind === "start" || a.kind === "stop") {
      out = out.map((c) => (c.id === a.containerId ? { ...c, state: a.kind === "start" ? "running" : "exited" } : c));
    }
  }
  return out;
}

const keyArb = fc.record({
  layoutId: fc.constantFrom("L1", "L2"),
  instanceKey: fc.constantFrom("a", "b", "c", "d"),
  replica: fc.integer({ min: 0, max: 2 }),
});

export const desiredArb: fc.Arbitrary<DesiredReplica[]> = fc
  .uniqueArray(
    fc.record({
      key: keyArb,
      hostId: fc.constantFrom(...HOSTS),
      running: fc.boolean(),
      version: fc.integer({ min: 0, max: 2 }),
      broken: fc.boolean(),
      retryAtMs: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    }),
    { selector: (d) => replicaKeyString(d.key), maxLength: 12 },
  )
  .map((rows) =>
    rows.map((r) => ({
      key: r.key,
      hostId: r.hostId,
      running: r.running,
      spec: r.broken && r.version === 2 ? null : fakeSpec(replicaKeyString(r.key), r.version),
      ...(r.retryAtMs !== undefined && { retryAtMs: r.retryAtMs }),
    })),
  );

const stateArb = fc.constantFrom<ObservedContainer["state"]>(
  "created",
  "running",
  "restarting",
  "exited",
  "dead",
  "removing",
  "paused",
);

/** What the hosts run: our containers (some stale, duplicated or orphaned), another installation's, and unlabelled ones. */
export const observedArb: fc.Arbitrary<ObservedContainer[]> = fc
  .array(
    fc.record({
      hostId: fc.constantFrom(...HOSTS),
      key: keyArb,
      version: fc.integer({ min: 0, max: 2 }),
      owner: fc.constantFrom("ours", "ours", "ours", "other-installation", "unlabelled"),
      state: stateArb,
    }),
    { maxLength: 16 },
  )
  .map((rows) =>
    rows.map((r) => {
      const key = replicaKeyString(r.key);
      const labels: ManagedLabels | null =
        r.owner === "unlabelled"
          ? null
          : {
              installationId: r.owner === "ours" ? INSTALLATION : "install-b",
              ...r.key,
              generation: 0,
              specHash: fakeSpec(key, r.version).specHash,
            };
      return container(r.hostId, labels, r.state);
    }),
  );

export const reachableArb = fc.subarray([...HOSTS], { minLength: 0 }).map((hosts) => new Set<string>(hosts));
