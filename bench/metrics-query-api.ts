/**
 * The charts' query API end to end: GET /api/metrics/query for a chart of 64 series × 1 h (5 s scrapes, 5 s step,
 * 721 points a series), over real HTTP to the real route handler — token verification against SQLite, zod, the
 * permission check, the inventory and per-instance visibility filter, the store query, JSON — next to the store
 * function alone (queryStore) on the same data in the same run. Data: 64 vLLM-like engines (one per seeded
 * instance, 8 hosts × 8 GPUs) and 8 dcgm-exporter-like hosts, 200 series each, one hour and ten minutes of scrapes
 * ingested through the scraper's path (bench/metrics-synthetic-exposition.ts).
 * Run: node --conditions=react-server --import tsx bench/metrics-query-api.ts → bench/results/metrics-query-api.json
 */
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { makeUser, tokenHeaders, useTestDatabase as migratedTestDatabase } from "../lib/auth/testing/test-users";
import { scanExposition } from "../lib/metrics/exposition/scanner";
import { seriesQuerySchema } from "../lib/metrics/query-schema";
import { queryStore } from "../lib/metrics/query-store";
import type { NamedSeriesId } from "../lib/metrics/series-catalog";
import { TargetAppender } from "../lib/metrics/store/target-appender";
import { SyntheticTarget } from "./metrics-synthetic-exposition";
import { spread } from "./stats";

const WARMUP_RUNS = 10;
const MEASURED_RUNS = 60;
const TARGET_MS = 50;
const INTERVAL_MS = 5000;
const HOUR_MS = 3_600_000;

await migratedTestDatabase();
const { seedFleet } = await import("../lib/metrics/testing/seed-fleet");
const gpu = { gpuId: "h100-sxm", gpuName: "NVIDIA H100 80GB HBM3", gpuMemoryBytes: 80 * 2 ** 30 };
const hosts = Array.from({ length: 8 }, (_, h) => ({ name: `host-${h}`, labels: { team: "a" }, gpuCount: 8, ...gpu }));
const fleet = await seedFleet(
  "bench",
  hosts,
  Array.from({ length: 64 }, (_, i) => ({
    key: `instance-${i}`,
    engine: "vllm" as const,
    model: "Qwen/Qwen2.5-7B-Instruct",
    host: `host-${i >> 3}`,
    gpus: [i % 8],
  })),
);

const { MetricsService } = await import("../lib/metrics/service/metrics-service");
const { metricsQueries } = await import("../lib/queries/metrics/metrics-queries");
const holder = await import("../lib/metrics/service/metrics-service-holder");
await holder.startMetricsService(
  () =>
    new MetricsService({
      intervalMs: INTERVAL_MS,
      store: { maxBytes: 2 * 1024 ** 3, retentionMs: 6 * HOUR_MS },
      readInventory: metricsQueries().loadInventory,
      staticTargetsFile: null,
    }),
);
const service = await holder.metricsService();
const store = service.backend.embedded!.store;

const END = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
const START = END - HOUR_MS;
const t0 = performance.now();
const targets = [
  ...Array.from({ length: 64 }, (_, i) => ({
    target: new SyntheticTarget(2 * i),
    labels: {
      fleetdeck_target: `instance/${fleet.instanceIds[`instance-${i}`]}/0`,
      fleetdeck_kind: "vllm",
      fleetdeck_instance: fleet.instanceIds[`instance-${i}`]!,
      fleetdeck_host: fleet.hostIds[`host-${i >> 3}`]!,
    },
  })),
  ...Array.from({ length: 8 }, (_, h) => ({
    target: new SyntheticTarget(2 * h + 1),
    labels: {
      fleetdeck_target: `gpu-exporter/${fleet.hostIds[`host-${h}`]}`,
      fleetdeck_kind: "gpu-exporter",
      fleetdeck_host: fleet.hostIds[`host-${h}`]!,
    },
  })),
].map((t) => ({ ...t, appender: new TargetAppender(store, t.labels) }));
for (let t = START - 10 * 60_000; t <= END; t += INTERVAL_MS) {
  for (const { target, appender } of targets) {
    appender.begin(t);
    scanExposition(target.render(), "prometheus-text", appender);
    appender.commit();
  }
}
const ingestMs = performance.now() - t0;

// The route handler behind a plain Node HTTP server: the request and response cross a real socket.
const { GET } = await import("../app/api/metrics/query/route");
const server = http.createServer(async (req, res) => {
  const response = await GET(
    new Request(`http://127.0.0.1${req.url}`, { headers: req.headers as Record<string, string> }),
    {
      params: Promise.resolve({}),
    },
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
await makeUser("admin");
const viewer = await makeUser("viewer");
const { headers } = await tokenHeaders(viewer.id, ["read"]);
const authorization = headers.get("authorization")!;

const CASES: [string, NamedSeriesId][] = [
  ["gauge: KV cache used, 64 instances", "instance.kv_cache.usage"],
  ["counter rate: generated tokens/s, 64 instances", "instance.tokens.generation.rate"],
  ["histogram quantile: TTFT p99, 64 instances", "instance.ttft.p99"],
  ["GPU memory used, 8 hosts × 8 GPUs", "gpu.memory.used"],
];

async function timeAsync(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < WARMUP_RUNS + MEASURED_RUNS; run++) {
    const t = performance.now();
    await fn();
    if (run >= WARMUP_RUNS) out.push(performance.now() - t);
  }
  return out;
}

const rows = [];
for (const [name, series] of CASES) {
  const url = `http://127.0.0.1:${port}/api/metrics/query?series=${series}&range=custom&start=${START}&end=${END}&step=${INTERVAL_MS}`;
  let body: { results: { status: string; data: unknown[]; timestampsMs: number[] }[] } | null = null;
  const api = await timeAsync(async () => {
    const res = await fetch(url, { headers: { authorization } });
    body = await res.json();
  });
  const result = body!.results[0]!;
  if (result.status !== "ok" || result.data.length === 0)
    throw new Error(`${series}: the API answered ${JSON.stringify(body).slice(0, 300)}`);
  const query = seriesQuerySchema.parse({ series, range: { startMs: START, endMs: END, stepMs: INTERVAL_MS } });
  const storeOnly = await timeAsync(async () => queryStore(store, query, INTERVAL_MS));
  const a = spread(api, 2);
  const s = spread(storeOnly, 2);
  rows.push({
    case: name,
    resultSeries: result.data.length,
    pointsPerSeries: result.timestampsMs.length,
    apiMedianMs: a.median,
    apiP95Ms: a.p95,
    apiMaxMs: a.max,
    storeMedianMs: s.median,
    storeP95Ms: s.p95,
    apiOverStoreMedianMs: Math.round((a.median - s.median) * 100) / 100,
    underTarget: a.p95 < TARGET_MS,
  });
}
server.close();
await holder.stopMetricsService();

const stats = store.stats();
const out = {
  benchmark: "metrics query API: GET /api/metrics/query over HTTP vs queryStore alone, 64 series × 1 h",
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
    instances: 64,
    hosts: 8,
    seriesInStore: stats.series,
    samplesInStore: stats.samples,
    storeMiB: Math.round(stats.bytes / 1024 / 1024),
    ingestSeconds: Math.round(ingestMs / 100) / 10,
    scrapeIntervalMs: INTERVAL_MS,
    stepMs: INTERVAL_MS,
  },
  rows,
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/metrics-query-api.json", `${JSON.stringify(out, null, 2)}\n`);
console.table(rows);
process.exit(0);
