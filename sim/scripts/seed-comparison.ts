/**
 * The seed article's question on the simulator: Qwen2.5-7B-Instruct GPTQ-Int4 on 4× RTX 4090D as one
 * TP-4 instance, two TP-2 instances or four single-GPU instances (vLLM 0.11 defaults), under a
 * closed-loop load of 1 024-token prompts and 256-token answers. Virtual time: deterministic, seconds
 * to run. `npx tsx sim/scripts/seed-comparison.ts` prints the README's table.
 */
import { buildHost } from "../src/gpu/host";
import { lookupGpu } from "../src/gpu/host";
import { percentile, runClosedLoad } from "../src/engine/virtual";
import { offlineVllm } from "../src/vllm/offline";

const MODEL = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
const host = buildHost(
  "seed-host",
  Array.from({ length: 4 }, () => lookupGpu("RTX 4090D", "GPU")),
  false,
);
const LAYOUTS = [
  { name: "1 × TP4", instances: 1, tp: 4 },
  { name: "2 × TP2", instances: 2, tp: 2 },
  { name: "4 × TP1", instances: 4, tp: 1 },
];
const CLIENTS = [1, 16, 64, 256];
const ms = (s: number) => (s * 1000).toFixed(1);

export interface Workload {
  clients: readonly number[];
  promptTokens: number;
  outputTokens: number;
}

export const SHORT: Workload = { clients: CLIENTS, promptTokens: 1024, outputTokens: 256 };
/** Long prompts: ~6,500 tokens of KV per request, more than the caches hold at 256 clients. */
export const LONG: Workload = { clients: [256], promptTokens: 6000, outputTokens: 512 };

export function seedComparison(workload: Workload = SHORT) {
  const rows = [];
  for (const layout of LAYOUTS) {
    for (const clients of workload.clients) {
      const engines = Array.from({ length: layout.instances }, (_, i) =>
        offlineVllm([MODEL, "-tp", String(layout.tp)], host.gpus.slice(i * layout.tp, (i + 1) * layout.tp)),
      );
      const r = runClosedLoad(
        engines.map((e) => e.core),
        {
          clients,
          promptTokens: workload.promptTokens,
          outputTokens: workload.outputTokens,
          durationSeconds: 120,
          warmupSeconds: 20,
        },
      );
      const mem = engines[0]!.memory;
      rows.push({
        layout: layout.name,
        clients,
        kvTokensPerInstance: mem.kvTokens,
        gpuUsedGiB: +(mem.ranks[0]!.usedBytes / 2 ** 30).toFixed(2),
        outputTokensPerSecond: Math.round(r.outputTokensPerSecond),
        ttftP50Ms: +ms(percentile(r.ttftSeconds, 0.5)),
        ttftP99Ms: +ms(percentile(r.ttftSeconds, 0.99)),
        itlP50Ms: +ms(percentile(r.itlSeconds, 0.5)),
        itlP99Ms: +ms(percentile(r.itlSeconds, 0.99)),
        peakKvUsage: +r.peakKvUsage.toFixed(3),
        peakWaiting: r.peakWaiting,
        preemptions: r.preemptions,
      });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const workload of [SHORT, LONG]) {
    const rows = seedComparison(workload);
    console.log(`\n${workload.promptTokens}-token prompts, ${workload.outputTokens}-token answers\n`);
    console.log(
      "| layout | clients | KV tokens / instance | GPU used GiB | output tok/s | TTFT p50 / p99 ms | ITL p50 / p99 ms | peak KV | peak waiting | preemptions |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows)
      console.log(
        `| ${r.layout} | ${r.clients} | ${r.kvTokensPerInstance.toLocaleString("en-US")} | ${r.gpuUsedGiB} | ${r.outputTokensPerSecond} | ${r.ttftP50Ms} / ${r.ttftP99Ms} | ${r.itlP50Ms} / ${r.itlP99Ms} | ${(r.peakKvUsage * 100).toFixed(1)} % | ${r.peakWaiting} | ${r.preemptions} |`,
      );
  }
}
