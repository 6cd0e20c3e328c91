/**
 * Speed of budgetLayout on a 512-GPU layout (64 hosts × 8 H100, 208 instances), against baselines in the same
 * run: the same layout with a fresh memo every time (no memoization), and a 1-instance layout.
 * Run: npx tsx bench/budget.ts → bench/results/budget.json.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { H100_80GB } from "../lib/budget/testing/gpu-fixtures";
import { budgetLayout, BudgetMemo, type BudgetResolver } from "../lib/budget/layout";
import { LLAMA3_8B, QWEN25_7B, QWEN25_7B_GPTQ_INT4, QWEN3_14B } from "../lib/budget/testing/model-fixtures";
import { layoutSchema, type Layout, type LayoutInput } from "../lib/vocabulary/layout-schema";
import { ascending, quantile, timeRuns } from "./stats";

const MODELS = new Map([QWEN25_7B, QWEN25_7B_GPTQ_INT4, LLAMA3_8B, QWEN3_14B].map((m) => [m.id, m]));
const resolver: BudgetResolver = { model: (i) => MODELS.get(i.model), gpu: () => H100_80GB };
const models = [...MODELS.keys()];

function bigLayout(): Layout {
  const hosts: LayoutInput["hosts"] = [];
  const instances: LayoutInput["instances"] = [];
  for (let h = 0; h < 64; h++) {
    const hostId = `host-${h}`;
    hosts.push({
      id: hostId,
      name: hostId,
      ramBytes: 2048 * 2 ** 30,
      cpuCores: 128,
      gpus: Array.from({ length: 8 }, (_, index) => ({ index, gpuId: "h100", nvlinkGroup: 0 })),
    });
    const groups = h % 4 === 3 ? [[0, 1, 2, 3, 4, 5, 6, 7]] : [[0, 1, 2, 3], [4, 5], [6], [7]];
    groups.forEach((gpuIndices, k) => {
      const model = models[(h + k) % models.length]!;
      instances.push({
        id: `i-${h}-${k}`,
        engine: h % 5 === 0 ? "tgi" : "vllm",
        model,
        tp: gpuIndices.length,
        gpuMemoryUtilization: [0.9, 0.85, 0.8][k % 3],
        placement: { hostId, gpuIndices },
      });
    });
  }
  return layoutSchema.parse({ name: "bench-512", hosts, instances });
}

const WARMUP_RUNS = 20;

/** Median and 90th percentile wall time of `fn(i)` for i = 0 … runs − 1, after warm-up calls (JIT) with the same i. */
function time(runs: number, fn: (i: number) => void): { medianMs: number; p90Ms: number } {
  let i = 0;
  const { wallMs } = timeRuns({
    warmup: WARMUP_RUNS,
    runs,
    next: (run) => (i = run < WARMUP_RUNS ? run : run - WARMUP_RUNS),
    timed: () => fn(i),
  });
  const sorted = ascending(wallMs);
  return { medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
}

const layout = bigLayout();
const gpuCount = layout.hosts.reduce((s, h) => s + h.gpus.length, 0);
const RUNS = 200;

const memo = new BudgetMemo();
// An operator's edit: one instance's gpu_memory_utilization changes, then the whole layout is re-evaluated.
const edited = (i: number): Layout => ({
  ...layout,
  instances: layout.instances.map((inst, k) =>
    k === i % layout.instances.length ? { ...inst, gpuMemoryUtilization: 0.5 + (i % 40) / 100 } : inst,
  ),
});
const editedLayouts = Array.from({ length: RUNS + 20 }, (_, i) => edited(i));

const memoized = time(RUNS, (i) => budgetLayout(editedLayouts[i]!, resolver, { defaultGpu: H100_80GB, memo }));
const unmemoized = time(RUNS, () => budgetLayout(layout, resolver, { defaultGpu: H100_80GB, memo: new BudgetMemo() }));
const single = layoutSchema.parse({ ...layout, hosts: [layout.hosts[0]], instances: [layout.instances[0]] });
const oneInstance = time(RUNS, () => budgetLayout(single, resolver, { defaultGpu: H100_80GB, memo: new BudgetMemo() }));

const result = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  layout: { hosts: layout.hosts.length, gpus: gpuCount, instances: layout.instances.length, runs: RUNS },
  memoizedEditReevaluation: {
    ...memoized,
    budgetsPerSecond: Math.round(layout.instances.length / (memoized.medianMs / 1000)),
  },
  baselineNoMemo: {
    ...unmemoized,
    budgetsPerSecond: Math.round(layout.instances.length / (unmemoized.medianMs / 1000)),
  },
  baselineOneInstance: oneInstance,
  goalMs: 5,
};
writeFileSync(new URL("./results/budget.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(`layout: ${gpuCount} GPUs, ${layout.instances.length} instances, median of ${RUNS} runs`);
console.log(
  `memoized re-evaluation after one edit: ${memoized.medianMs.toFixed(3)} ms (p90 ${memoized.p90Ms.toFixed(3)}), ${result.memoizedEditReevaluation.budgetsPerSecond.toLocaleString("en-US")} budgets/s`,
);
console.log(
  `baseline, no memo:                    ${unmemoized.medianMs.toFixed(3)} ms (p90 ${unmemoized.p90Ms.toFixed(3)}), ${result.baselineNoMemo.budgetsPerSecond.toLocaleString("en-US")} budgets/s`,
);
console.log(`baseline, 1-instance layout:          ${oneInstance.medianMs.toFixed(3)} ms`);
console.log(`goal: < ${result.goalMs} ms per full re-evaluation`);
