/**
 * Read-time cost of the embedded store: a chart of 64 series × 1 h at the charts' resolution (5 s scrapes, 5 s
 * step → 721 points a series), through queryStore — the function the /api/metrics route will call (the route's own
 * JSON and auth come later). Data: 64 vLLM-like engines and 8 dcgm-exporter-like hosts × 8 GPUs
 * (bench/metrics-synthetic-exposition.ts, 200 series each), one hour of 5 s scrapes parsed and ingested through the
 * same path as the scraper's. Cases: a gauge (KV cache), a counter rate (tokens/s), a histogram quantile (TTFT p99:
 * 21 bucket series per engine), GPU memory (MiB → bytes), each as 64 result series. Baseline in the same run: the
 * same four charts at 60 s steps (61 points, what a 1 h chart at lower resolution would ask). Also timed: the
 * query plus JSON.stringify of its result, the part of the route's work that grows with the data.
 * Run: npx tsx bench/metrics-query.ts → prints a table, writes bench/results/metrics-query.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { scanExposition } from "../lib/metrics/exposition/scanner";
import { seriesQuerySchema } from "../lib/metrics/query-schema";
import { queryStore } from "../lib/metrics/query-store";
import type { NamedSeriesId } from "../lib/metrics/series-catalog";
import { SeriesStore } from "../lib/metrics/store/series-store";
import { TargetAppender } from "../lib/metrics/store/target-appender";
import { SyntheticTarget } from "./metrics-synthetic-exposition";
import { spread, timeRuns } from "./stats";

const WARMUP_RUNS = 20;
const MEASURED_RUNS = 100;
const TARGET_MS = 50;
const INTERVAL_MS = 5000;
const HOUR_MS = 3_600_000;
const END = Date.UTC(2026, 0, 1);
const START = END - HOUR_MS;

function ingest(): { store: SeriesStore; ms: number } {
  const store = new SeriesStore({ maxBytes: 2 * 1024 ** 3, retentionMs: 6 * HOUR_MS }, () => END);
  const engines = Array.from({ length: 64 }, (_, i) => ({
    target: new SyntheticTarget(2 * i),
    labels: {
      fleetdeck_target: `engine-${i}`,
      fleetdeck_kind: "vllm",
      fleetdeck_instance: `instance-${i}`,
      fleetdeck_host: `host-${i >> 3}`,
    },
  }));
  const exporters = Array.from({ length: 8 }, (_, h) => ({
    target: new SyntheticTarget(2 * h + 1),
    labels: { fleetdeck_target: `gpus-${h}`, fleetdeck_kind: "gpu-exporter", fleetdeck_host: `host-${h}` },
  }));
  const all = [...engines, ...exporters].map((t) => ({ ...t, appender: new TargetAppender(store, t.labels) }));
  const t0 = performance.now();
  for (let t = START - 10 * 60_000; t <= END; t += INTERVAL_MS) {
    for (const { target, appender } of all) {
      appender.begin(t);
      scanExposition(target.render(), "prometheus-text", appender);
      appender.commit();
    }
  }
  return { store, ms: performance.now() - t0 };
}

const CASES: [string, NamedSeriesId][] = [
  ["gauge: KV cache used, 64 instances", "instance.kv_cache.usage"],
  ["counter rate: generated tokens/s, 64 instances", "instance.tokens.generation.rate"],
  ["histogram quantile: TTFT p99, 64 instances", "instance.ttft.p99"],
  ["GPU memory used, 8 hosts × 8 GPUs", "gpu.memory.used"],
];

const { store, ms: ingestMs } = ingest();
const stats = store.stats();
console.log(
  `ingested ${stats.samples.toLocaleString()} samples of ${stats.series.toLocaleString()} series in ${(ingestMs / 1000).toFixed(1)} s; store ${Math.round(stats.bytes / 1024 / 1024)} MiB`,
);

const rows = [];
for (const stepMs of [5000, 60_000]) {
  for (const [name, series] of CASES) {
    const query = seriesQuerySchema.parse({ series, range: { startMs: START, endMs: END, stepMs } });
    let result = queryStore(store, query, INTERVAL_MS);
    const { wallMs, cpuMs } = timeRuns({
      warmup: WARMUP_RUNS,
      runs: MEASURED_RUNS,
      timed: () => (result = queryStore(store, query, INTERVAL_MS)),
    });
    const wall = spread(wallMs, 2);
    const json = timeRuns({
      warmup: WARMUP_RUNS,
      runs: MEASURED_RUNS,
      timed: () => JSON.stringify(queryStore(store, query, INTERVAL_MS)),
    });
    const points = result.timestampsMs.length;
    const filled = result.data.reduce((n, d) => n + d.values.filter((v) => v !== null).length, 0);
    rows.push({
      case: name,
      stepMs,
      resultSeries: result.data.length,
      pointsPerSeries: points,
      filledPoints: filled,
      medianMs: wall.median,
      p95Ms: wall.p95,
      maxMs: wall.max,
      medianCpuMs: spread(cpuMs, 2).median,
      withJsonMedianMs: spread(json.wallMs, 2).median,
      withJsonP95Ms: spread(json.wallMs, 2).p95,
      jsonBytes: JSON.stringify(result).length,
    });
  }
}

const result = {
  benchmark: "metrics query: queryStore, 64 series × 1 h",
  when: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.split(" ").slice(0, 2).join(" "),
    node: process.version,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  },
  runs: { warmup: WARMUP_RUNS, measured: MEASURED_RUNS },
  targetMs: TARGET_MS,
  data: {
    seriesInStore: stats.series,
    samplesInStore: stats.samples,
    storeMiB: Math.round(stats.bytes / 1024 / 1024),
    ingestSeconds: Math.round(ingestMs / 100) / 10,
    scrapeIntervalMs: INTERVAL_MS,
  },
  rows,
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/metrics-query.json", `${JSON.stringify(result, null, 2)}\n`);
console.table(
  rows.map(({ case: c, stepMs, resultSeries, pointsPerSeries, medianMs, p95Ms, withJsonMedianMs, withJsonP95Ms }) => ({
    case: c,
    stepMs,
    resultSeries,
    pointsPerSeries,
    medianMs,
    p95Ms,
    withJsonMedianMs,
    withJsonP95Ms,
  })),
);
