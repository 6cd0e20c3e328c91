import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LayoutBudget } from "../../budget/types";
import { slotMemoryBytes } from "../../layout/resolvers";
import { checkLayout } from "../../layout/check-layout";
import { fleetHost, mixedFleetLayout, syntheticFleet } from "../../layout/testing/fleet-fixtures";
import { placeInstances } from "../../layout/place";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { TEMPLATES } from "../../layout/templates";
import {
  addHost,
  addInstance,
  duplicateInstance,
  moveInstance,
  removeHost,
  removeInstance,
  updateHost,
  updateInstance,
} from "../editor/layout-ops";
import { bandsByHost } from "./bands";
import { buildCellViews, cellKey } from "./cells";
import { type Design, DesignDeriver } from "./derive";
import { type FindingsIndex, indexFindings } from "./findings-index";
import { summarize } from "./summary";
import { GIB } from "../../vocabulary/units";

const STARTS: Layout[] = [
  mixedFleetLayout(3),
  placeInstances(syntheticFleet(4, 24), { policy: "binpack", gpuMemoryBytes: slotMemoryBytes }).layout,
  TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4")!.layout,
];

const SETTINGS: ((i: Instance) => Partial<Instance>)[] = [
  () => ({ maxModelLen: 8192 }),
  () => ({ maxModelLen: 131072 }),
  () => ({ kvCacheDtype: "fp8" }),
  () => ({ limits: { memoryBytes: 8 * GIB } }),
  () => ({ limits: { cpus: 96 } }),
  () => ({ port: 8000 }),
  () => ({ engine: "tgi", tgi: { cudaMemoryFraction: 0.6 } }),
  () => ({ engine: "tgi", tgi: undefined }),
  () => ({ model: "acme/not-in-the-catalog" }),
  () => ({ model: "Qwen/Qwen2.5-7B-Instruct" }),
  (i) => ({ tp: i.tp === 1 ? 2 : 1 }),
  () => ({ name: "renamed" }),
];
const FRACTIONS = [0.3, 0.45, 0.5, 0.62, 0.9, 0.95];

const KINDS = [
  "fraction",
  "setting",
  "move",
  "place",
  "unplace",
  "delete",
  "add",
  "duplicate",
  "same-id",
  "host",
  "add-host",
  "remove-host",
  "same-host-id",
  "undo",
] as const;
type Step = [(typeof KINDS)[number], number, number, number];
const step: fc.Arbitrary<Step> = fc.tuple(fc.constantFrom(...KINDS), fc.nat(), fc.nat(), fc.nat());

/** One edit, as the editor makes it (untouched hosts and instances keep their objects), or a raw one it cannot make. */
function apply(layout: Layout, history: readonly Layout[], [kind, a, b, c]: Step): Layout {
  const instance = layout.instances[a % Math.max(1, layout.instances.length)];
  const host = layout.hosts[b % Math.max(1, layout.hosts.length)];
  const fraction = FRACTIONS[c % FRACTIONS.length]!;
  switch (kind) {
    case "fraction":
      if (!instance) return layout;
      return updateInstance(
        layout,
        instance.id,
        instance.engine === "tgi" ? { tgi: { cudaMemoryFraction: fraction } } : { gpuMemoryUtilization: fraction },
      );
    case "setting":
      return instance ? updateInstance(layout, instance.id, SETTINGS[c % SETTINGS.length]!(instance)) : layout;
    case "move":
      return instance && host ? moveInstance(layout, instance.id, host.id, c % 8) : layout;
    case "place": {
      if (!instance) return layout;
      const g = c % 8;
      const gpuIndices = [[g], [g, (g + 1) % 8], [g, g], [g, 12]][c % 4]!;
      return updateInstance(layout, instance.id, {
        placement: { hostId: host && c % 5 !== 0 ? host.id : "ghost", gpuIndices },
      });
    }
    case "unplace":
      return instance ? updateInstance(layout, instance.id, { placement: null }) : layout;
    case "delete":
      return instance ? removeInstance(layout, instance.id) : layout;
    case "add":
      return addInstance(layout, {
        ...(instance ?? STARTS[0]!.instances[0]!),
        id: "added",
        placement: host ? { hostId: host.id, gpuIndices: [c % 4] } : null,
      }).layout;
    case "duplicate":
      return instance ? (duplicateInstance(layout, instance.id)?.layout ?? layout) : layout;
    case "same-id":
      return instance ? { ...layout, instances: [...layout.instances, { ...instance }] } : layout;
    case "host": {
      if (!host) return layout;
      const edits = [
        { ramBytes: 64 * GIB },
        { cpuCores: 4 },
        { gpus: host.gpus.slice(0, -1) },
        { gpus: host.gpus.map((g) => ({ index: g.index, gpuId: "rtx-4090d" })) },
        { gpus: [...host.gpus, { index: 9, gpuId: "no-such-gpu" }] },
        { gpus: [...host.gpus, { ...host.gpus[0]! }] },
        { name: "renamed" },
      ];
      return updateHost(layout, host.id, edits[c % edits.length]!);
    }
    case "add-host":
      return addHost(layout, fleetHost(c % 8, 2 + (c % 7)));
    case "remove-host":
      return host ? removeHost(layout, host.id) : layout;
    case "same-host-id":
      return host ? { ...layout, hosts: [...layout.hosts, { ...host, name: "twin" }] } : layout;
    case "undo":
      return history[c % history.length]!;
  }
}

/** The rows as the designer built them before it kept anything per host: every row from the whole-layout functions. */
function referenceRows(layout: Layout, budget: LayoutBudget, findings: FindingsIndex) {
  const cells = buildCellViews(layout, budget.gpus, findings.byCell, new Map());
  const summary = summarize(layout, budget);
  const bands = bandsByHost(layout);
  return layout.hosts.map((host) => {
    const instances = Object.fromEntries(
      layout.instances.filter((i) => i.placement?.hostId === host.id).map((i) => [i.id, i]),
    );
    const errors = Object.fromEntries(
      Object.keys(instances).map((id) => [
        id,
        (findings.byInstance.get(id) ?? []).filter((f) => f.severity === "error").length,
      ]),
    );
    const rowCells = [...host.gpus].sort((x, y) => x.index - y.index).map((g) => cells.get(cellKey(host.id, g.index)));
    return {
      host,
      cells: rowCells,
      bands: bands.get(host.id) ?? [],
      instances,
      use: summary.hosts.get(host.id),
      errors,
    };
  });
}

function expectFromScratch(design: Design, layout: Layout): void {
  const scratch = new DesignDeriver().derive(layout);
  expect(design.findings).toStrictEqual(scratch.findings);
  expect(design.budget).toStrictEqual(scratch.budget);
  expect(design.summary).toStrictEqual(scratch.summary);
  expect(design.rows).toStrictEqual(scratch.rows);

  const reference = checkLayout(layout);
  expect(scratch.findings.all).toStrictEqual(reference.findings);
  expect(scratch.budget).toStrictEqual(reference.budget);
  expect(scratch.summary).toStrictEqual(summarize(layout, reference.budget));
  expect(scratch.rows).toStrictEqual(
    referenceRows(layout, reference.budget, indexFindings(layout, reference.findings)),
  );
}

describe("DesignDeriver kept across edits", () => {
  it("gives what a derive from scratch gives, after any sequence of edits", () => {
    fc.assert(
      fc.property(fc.nat(STARTS.length - 1), fc.array(step, { minLength: 1, maxLength: 14 }), (start, steps) => {
        const deriver = new DesignDeriver();
        let layout = STARTS[start]!;
        const history = [layout];
        expectFromScratch(deriver.derive(layout), layout);
        for (const s of steps) {
          layout = apply(layout, history, s);
          history.push(layout);
          expectFromScratch(deriver.derive(layout), layout);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("redoes only the hosts an edit touched", () => {
    const deriver = new DesignDeriver();
    const layout = STARTS[1]!;
    const before = deriver.derive(layout);
    const moved = layout.instances.find((i) => i.placement?.hostId === layout.hosts[0]!.id)!;
    const after = deriver.derive(updateInstance(layout, moved.id, { gpuMemoryUtilization: 0.5 }));
    expect(after.rows.slice(1)).toEqual(before.rows.slice(1));
    for (const [k, row] of after.rows.slice(1).entries()) expect(row).toBe(before.rows[k + 1]);
    expect(after.rows[0]).not.toBe(before.rows[0]);
  });
});
