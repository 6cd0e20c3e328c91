import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PlaceOptions, defaultNeed, placeInstances } from "./place";
import { type Host, type Instance, type Layout, layoutSchema } from "../vocabulary/layout-schema";
import { GIB } from "../vocabulary/units";

const UNITS = 1_000_000;

const host = (
  id: string,
  gpuCount: number,
  extra: Partial<Host> = {},
  nvlink?: (index: number) => number | undefined,
): Host => ({
  id,
  name: id,
  gpus: Array.from({ length: gpuCount }, (_, index) => {
    const group = nvlink?.(index);
    return {
      index,
      gpuId: "rtx-4090d-24gb",
      memoryBytes: 24 * GIB,
      ...(group === undefined ? {} : { nvlinkGroup: group }),
    };
  }),
  ramBytes: 256 * GIB,
  cpuCores: 32,
  labels: {},
  ...extra,
});

const instance = (id: string, fields: Partial<Instance> = {}): Instance =>
  layoutSchema.shape.instances.element.parse({ id, engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct", ...fields });

const layoutOf = (hosts: Host[], instances: Instance[]): Layout => ({ schemaVersion: 1, name: "t", hosts, instances });

/** A model that needs 40 GiB cards when its id starts with "big". */
const fits: PlaceOptions["fits"] = (inst, gpu) =>
  !inst.model.startsWith("big") ||
  gpu.memoryBytes >= 40 * GIB ||
  `${inst.model} needs a 40 GiB card, ${gpu.gpuId} has ${gpu.memoryBytes / GIB} GiB`;

const arbitraryFleet = fc
  .record({
    hosts: fc.array(
      fc.record({
        gpus: fc.integer({ min: 1, max: 8 }),
        memoryGiB: fc.constantFrom(24, 48, 80),
        nvlink: fc.constantFrom("none", "one", "pairs", "some"),
        ramGiB: fc.integer({ min: 8, max: 256 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    instances: fc.array(
      fc.record({
        tp: fc.constantFrom(1, 1, 2, 4, 8),
        share: fc.integer({ min: 10, max: 100 }),
        tgi: fc.boolean(),
        big: fc.boolean(),
        memoryGiB: fc.option(fc.integer({ min: 1, max: 64 })),
        preplaced: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 4 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ hosts, instances }) => {
    const hostList = hosts.map((h, n) => {
      const nvlink = {
        none: () => undefined,
        one: () => 0,
        pairs: (i: number) => i >> 1,
        some: (i: number) => (i < 4 ? 0 : undefined),
      }[h.nvlink];
      return host(`h${n}`, h.gpus, {
        ramBytes: h.ramGiB * GIB,
        gpus: host("x", h.gpus, {}, nvlink).gpus.map((g) => ({ ...g, memoryBytes: h.memoryGiB * GIB })),
      });
    });
    const list = instances.map((spec, k) => {
      const fraction = spec.share / 100;
      const target = spec.preplaced === null ? undefined : hostList[spec.preplaced % hostList.length];
      return instance(`i${k}`, {
        tp: spec.tp,
        model: spec.big ? "big/model" : "small/model",
        ...(spec.tgi
          ? { engine: "tgi" as const, tgi: { cudaMemoryFraction: fraction } }
          : { gpuMemoryUtilization: fraction }),
        limits: spec.memoryGiB === null ? {} : { memoryBytes: spec.memoryGiB * GIB },
        placement:
          target && target.gpus.length >= spec.tp
            ? { hostId: target.id, gpuIndices: Array.from({ length: spec.tp }, (_, g) => g) }
            : null,
      });
    });
    return layoutOf(hostList, list);
  });

/** Checks the invariants of a placement; returns the per-GPU claims in units. */
function checkInvariants(before: Layout, after: Layout, placedIds: Set<string>) {
  const claims = new Map<string, number>();
  const ram = new Map<string, number>();
  for (const inst of after.instances) {
    if (!inst.placement || !placedIds.has(inst.id)) continue;
    const h = after.hosts.find((x) => x.id === inst.placement!.hostId)!;
    expect(h).toBeDefined();
    const { gpuIndices } = inst.placement;
    expect(gpuIndices).toHaveLength(inst.tp);
    expect(new Set(gpuIndices).size).toBe(inst.tp);
    const slots = gpuIndices.map((i) => h.gpus.find((g) => g.index === i)!);
    expect(slots.every(Boolean)).toBe(true);
    if (h.gpus.some((g) => g.nvlinkGroup !== undefined)) {
      const islands = new Set(slots.map((g) => g.nvlinkGroup ?? `solo-${g.index}`));
      expect(islands.size).toBe(1);
    }
    for (const g of slots) {
      const key = `${h.id}/${g.index}`;
      claims.set(key, (claims.get(key) ?? 0) + Math.round(defaultNeed(inst) * UNITS));
      expect(fits!(inst, { gpuId: g.gpuId, memoryBytes: g.memoryBytes ?? 0 })).toBe(true);
    }
    ram.set(h.id, (ram.get(h.id) ?? 0) + (inst.limits.memoryBytes ?? 0));
  }
  for (const units of claims.values()) expect(units).toBeLessThanOrEqual(UNITS);
  for (const [id, bytes] of ram) expect(bytes).toBeLessThanOrEqual(before.hosts.find((h) => h.id === id)!.ramBytes);
}

describe("placeInstances", () => {
  it("never overlaps past a GPU's capacity, keeps TP groups on one host and island, never exceeds host RAM", () => {
    fc.assert(
      fc.property(arbitraryFleet, fc.constantFrom("binpack", "spread" as const), (layout, policy) => {
        const { layout: after, results } = placeInstances(layout, { policy, only: "all", fits });
        checkInvariants(layout, after, new Set(results.filter((r) => r.placed).map((r) => r.instanceId)));
        for (const r of results) if (!r.placed) expect(r.reason).toMatch(/\w/);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, and the host index gives the same answer as visiting every host", () => {
    fc.assert(
      fc.property(
        arbitraryFleet,
        fc.constantFrom("binpack", "spread" as const),
        fc.constantFrom("all", "unplaced" as const),
        (layout, policy, only) => {
          const first = placeInstances(layout, { policy, only, fits });
          expect(placeInstances(structuredClone(layout), { policy, only, fits })).toEqual(first);
          expect(placeInstances(layout, { policy, only, fits, search: "scan" })).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("places everything placeable on a roomy fleet", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ tp: fc.constantFrom(1, 2, 4, 8), share: fc.integer({ min: 1, max: 100 }) }), {
          maxLength: 24,
        }),
        fc.constantFrom("binpack", "spread" as const),
        (specs, policy) => {
          const hosts = specs.map((_, n) => host(`h${n}`, 8, {}, () => 0));
          const layout = layoutOf(
            hosts,
            specs.map((s, k) => instance(`i${k}`, { tp: s.tp, gpuMemoryUtilization: s.share / 100 })),
          );
          const { results } = placeInstances(layout, { policy });
          expect(results.filter((r) => !r.placed)).toEqual([]);
        },
      ),
    );
  });

  it("says why it cannot place, naming the best host", () => {
    const hosts = [host("h1", 4), host("h2", 4), host("h3", 4)];
    const busy = (id: string, hostId: string, gpuIndices: number[]) =>
      instance(id, { tp: gpuIndices.length, placement: { hostId, gpuIndices } });
    const layout = layoutOf(hosts, [
      busy("a", "h1", [0, 1, 2, 3]),
      busy("b", "h2", [0, 1, 2, 3]),
      busy("c", "h3", [0, 1, 2]),
      instance("new", { tp: 2 }),
    ]);
    const { results, layout: after } = placeInstances(layout, { policy: "binpack" });
    expect(results.find((r) => r.instanceId === "new")).toEqual({
      instanceId: "new",
      placed: false,
      reason: "needs 2 GPUs with 0.90 of their memory free on one host; the best host (h3) has 1",
    });
    expect(after.instances.find((i) => i.id === "new")?.placement).toBeNull();
    expect(results.find((r) => r.instanceId === "a")).toEqual({ instanceId: "a", placed: true, kept: true });
  });

  it("explains TP larger than any NVLink island, a model too big, and host RAM", () => {
    const nvl = [host("pairs", 8, {}, (i) => i >> 1)];
    expect(placeInstances(layoutOf(nvl, [instance("x", { tp: 4 })]), { policy: "binpack" }).results[0]?.reason).toBe(
      "needs 4 GPUs on one host within one NVLink island; the largest NVLink island (pairs) has 2",
    );
    expect(
      placeInstances(layoutOf([host("h1", 4)], [instance("x", { model: "big/model" })]), { policy: "binpack", fits })
        .results[0]?.reason,
    ).toBe("does not fit on any GPU of the layout: big/model needs a 40 GiB card, rtx-4090d-24gb has 24 GiB");
    const small = layoutOf(
      [host("h1", 4, { ramBytes: 16 * GIB })],
      [instance("x", { limits: { memoryBytes: 32 * GIB } })],
    );
    expect(placeInstances(small, { policy: "binpack" }).results[0]?.reason).toBe(
      "needs 32 GiB of host RAM for its container memory limit; the best host with 1 free GPU (h1) has 16 GiB left",
    );
  });

  it("binpack fills one host first; spread uses the emptiest host", () => {
    const layout = layoutOf(
      [host("h1", 4), host("h2", 4)],
      [
        instance("a"),
        instance("b"),
        instance("c", { gpuMemoryUtilization: 0.4 }),
        instance("d", { gpuMemoryUtilization: 0.5 }),
      ],
    );
    const where = (policy: "binpack" | "spread") =>
      placeInstances(layout, { policy }).layout.instances.map(
        (i) => `${i.id}@${i.placement?.hostId}:${i.placement?.gpuIndices.join("+")}`,
      );
    // largest first: d (0.5) takes GPU 2, then c (0.4) fits best in the 0.5 d left there
    expect(where("binpack")).toEqual(["a@h1:0", "b@h1:1", "c@h1:2", "d@h1:2"]);
    expect(where("spread")).toEqual(["a@h1:0", "b@h2:0", "c@h2:1", "d@h1:1"]);
  });

  it("prefers contiguous indices and shares a GPU when claims allow", () => {
    const layout = layoutOf(
      [host("h1", 4)],
      [
        instance("held", { placement: { hostId: "h1", gpuIndices: [1] } }),
        instance("tp2", { tp: 2 }),
        instance("half-a", { gpuMemoryUtilization: 0.5 }),
        instance("half-b", { gpuMemoryUtilization: 0.5 }),
      ],
    );
    const placed = placeInstances(layout, { policy: "binpack" }).layout.instances;
    expect(placed.find((i) => i.id === "tp2")?.placement).toEqual({ hostId: "h1", gpuIndices: [2, 3] });
    expect(placed.find((i) => i.id === "half-a")?.placement).toEqual({ hostId: "h1", gpuIndices: [0] });
    expect(placed.find((i) => i.id === "half-b")?.placement).toEqual({ hostId: "h1", gpuIndices: [0] });
  });

  it("claims a TGI instance's CUDA memory fraction (default: the whole GPU)", () => {
    const layout = layoutOf(
      [host("h1", 1)],
      [instance("t", { engine: "tgi" }), instance("v", { gpuMemoryUtilization: 0.1 })],
    );
    const { results } = placeInstances(layout, { policy: "binpack" });
    expect(results.map((r) => r.placed)).toEqual([true, false]);
  });

  it("re-places everything with only: 'all'", () => {
    const layout = layoutOf([host("h1", 2)], [instance("a", { placement: { hostId: "h1", gpuIndices: [1] } })]);
    expect(placeInstances(layout, { policy: "binpack", only: "all" }).layout.instances[0]?.placement).toEqual({
      hostId: "h1",
      gpuIndices: [0],
    });
    expect(placeInstances(layout, { policy: "binpack" }).layout.instances[0]?.placement).toEqual({
      hostId: "h1",
      gpuIndices: [1],
    });
  });
});
