/**
 * Placement benchmark: 2,000 unplaced instances on 512 hosts × 8 H100 (two NVLink islands each).
 * Baselines in the same run: the same algorithm visiting every host ("scan", no index), and 200 instances.
 * Wall time and process CPU time are both reported: on a busy machine the CPU time is the steadier number.
 * Run: npx tsx bench/place.ts  → prints a table and writes bench/results/place.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { syntheticFleet } from "../lib/layout/testing/fleet-fixtures";
import { type PlaceOptions, placeInstances } from "../lib/layout/place";
import type { Layout } from "../lib/vocabulary/layout-schema";
import { spread, timeRuns } from "./stats";

const WARMUP_RUNS = 3;
const MEASURED_RUNS = 15;

interface Case {
  name: string;
  layout: Layout;
  options: PlaceOptions;
}

function measure({ layout, options }: Case) {
  let result = placeInstances(layout, options);
  const { wallMs, cpuMs } = timeRuns({
    warmup: WARMUP_RUNS,
    runs: MEASURED_RUNS,
    timed: () => (result = placeInstances(layout, options)),
  });
  const wall = spread(wallMs, 2);
  const placed = result.results.filter((r) => r.placed).length;
  return {
    medianMs: wall.median,
    medianCpuMs: spread(cpuMs, 2).median,
    minMs: wall.min,
    maxMs: wall.max,
    placed,
    unplaced: result.results.length - placed,
  };
}

const big = syntheticFleet(512, 2000);
const small = syntheticFleet(512, 200);
const cases: Case[] = [
  { name: "binpack 2000 on 512×8 (indexed)", layout: big, options: { policy: "binpack" } },
  { name: "spread 2000 on 512×8 (indexed)", layout: big, options: { policy: "spread" } },
  {
    name: "baseline: binpack 2000 on 512×8 (scan every host)",
    layout: big,
    options: { policy: "binpack", search: "scan" },
  },
  {
    name: "baseline: spread 2000 on 512×8 (scan every host)",
    layout: big,
    options: { policy: "spread", search: "scan" },
  },
  { name: "baseline: binpack 200 on 512×8 (indexed)", layout: small, options: { policy: "binpack" } },
];

const rows = cases.map((c) => ({ case: c.name, ...measure(c) }));
console.table(rows);
const report = {
  benchmark: "placeInstances",
  when: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  runs: { warmup: WARMUP_RUNS, measured: MEASURED_RUNS },
  targetMs: 200,
  rows,
};
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/place.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log("wrote bench/results/place.json");
