/**
 * Speed of the designer's DesignDeriver.derive (budgets, findings, grid rows and summary) after one edit, in Node.
 * Layout: 64 hosts × 8 GPUs with 200 instances, placed as bench/designer-page.ts places them. Cases: one instance's
 * gpu_memory_utilization changed (a new value every run), one instance moved to free GPUs (as the editor's
 * move-instance does: unchanged hosts and instances keep their objects). Baselines in the same run: the seed's 2×2
 * template edited the same way, and a from-scratch derive of the large layout (a new DesignDeriver every run).
 * Each edit is made before its timer starts; only derive is timed. Wall time and process CPU time are both reported: on a
 * busy machine the CPU time is the steadier number (it still counts the GC's helper threads).
 * Run: npx tsx bench/derive.ts → prints a table, writes bench/results/derive.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { slotMemoryBytes } from "../lib/layout/resolvers";
import { syntheticFleet } from "../lib/layout/testing/fleet-fixtures";
import { placeInstances } from "../lib/layout/place";
import type { Layout } from "../lib/vocabulary/layout-schema";
import { TEMPLATES } from "../lib/layout/templates";
import { DesignDeriver } from "../lib/designer/derive/derive";
import { freeRun, moveInstance, updateInstance } from "../lib/designer/editor/layout-ops";
import { spread, timeRuns } from "./stats";

const WARMUP_RUNS = 300;
const MEASURED_RUNS = 300;
const TARGET_MS = 2;

/** Returns the next layout from the current one and the run number. */
type Edit = (layout: Layout, run: number) => Layout;

/** A new gpu_memory_utilization every run, on a different instance each time (0.60 … 0.899). */
const editUtilization: Edit = (layout, run) => {
  const instance = layout.instances[(run * 37) % layout.instances.length]!;
  return updateInstance(layout, instance.id, { gpuMemoryUtilization: 0.6 + ((run * 13) % 300) / 1000 });
};

/** One instance to the first free run of its TP size on another host, round robin over instances and hosts. */
const moveToFreeGpus: Edit = (layout, run) => {
  for (let k = 0; k < layout.instances.length; k++) {
    const instance = layout.instances[(run * 37 + k) % layout.instances.length]!;
    for (let h = 0; h < layout.hosts.length; h++) {
      const host = layout.hosts[(run * 11 + h) % layout.hosts.length]!;
      if (host.id === instance.placement?.hostId) continue;
      const free = freeRun(layout, host, instance.tp);
      if (free) return moveInstance(layout, instance.id, host.id, free[0]!);
    }
  }
  throw new Error("no free GPUs to move an instance to");
};

function measure(runs: number, next: (run: number) => void, timed: () => void) {
  const { wallMs, cpuMs } = timeRuns({ warmup: WARMUP_RUNS, runs, next, timed });
  const wall = spread(wallMs, 3);
  const cpu = spread(cpuMs, 3);
  return {
    minMs: wall.min,
    medianMs: wall.median,
    p95Ms: wall.p95,
    maxMs: wall.max,
    medianCpuMs: cpu.median,
    p95CpuMs: cpu.p95,
  };
}

/** Derives the start layout, then times derive after each edit, with one long-lived deriver as the page keeps it. */
function measureEdits(start: Layout, edit: Edit) {
  const deriver = new DesignDeriver();
  let layout = start;
  deriver.derive(layout);
  return measure(
    MEASURED_RUNS,
    (run) => (layout = edit(layout, run)),
    () => deriver.derive(layout),
  );
}

const measureFromScratch = (layout: Layout) =>
  measure(
    MEASURED_RUNS / 3,
    () => undefined,
    () => new DesignDeriver().derive(layout),
  );

const big = placeInstances(syntheticFleet(64, 200), { policy: "binpack", gpuMemoryBytes: slotMemoryBytes }).layout;
const seed = TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4")!.layout;
const size = (l: Layout) =>
  `${l.hosts.length} hosts, ${l.hosts.reduce((n, h) => n + h.gpus.length, 0)} GPUs, ${l.instances.length} instances`;

const rows = [
  { case: "64×8/200: edit gpu_memory_utilization", layout: size(big), ...measureEdits(big, editUtilization) },
  { case: "64×8/200: move one instance to free GPUs", layout: size(big), ...measureEdits(big, moveToFreeGpus) },
  {
    case: "baseline: seed 2×2, edit gpu_memory_utilization",
    layout: size(seed),
    ...measureEdits(seed, editUtilization),
  },
  { case: "baseline: 64×8/200 from scratch (new deriver)", layout: size(big), ...measureFromScratch(big) },
];
console.table(rows.map(({ layout: _layout, ...row }) => row));
console.log(`target: ≤ ${TARGET_MS} ms per derive after a one-instance edit on 64×8/200`);

const report = {
  benchmark: "DesignDeriver.derive",
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version },
  runs: { warmup: WARMUP_RUNS, measured: MEASURED_RUNS, fromScratchMeasured: MEASURED_RUNS / 3 },
  targetMs: TARGET_MS,
  rows,
};
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/derive.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log("wrote bench/results/derive.json");
