/**
 * Ingest cost of the embedded scraper next to Debian's Prometheus scraping the same targets in the same run.
 * 500 loopback targets (one process, bench/metrics-targets-server.ts) × 200 series (vLLM- and dcgm-exporter-like,
 * values moving every scrape) at a 5 s interval. First the embedded Scraper + SeriesStore runs alone in its own
 * process, then Prometheus alone — one after the other, never together, on this 2-core machine. Each runs
 * BENCH_METRICS_SECONDS (default 150); the first 30 s (Prometheus hands targets to its scrapers ~5 s after start) are
 * not measured. CPU: process.cpuUsage of the embedded process; utime + stime of /proc/<pid>/stat for Prometheus.
 * Samples: the store's appendedSamples and Prometheus's prometheus_tsdb_head_samples_appended_total (both include
 * their own per-scrape series: 3 for the embedded scraper, 5 for Prometheus). Memory: the highest resident set size.
 * The machine is shared with other work: each phase records the 1-minute load average before and after it, and
 * the embedded phase its failed and skipped scrapes (both rise when the machine is overloaded).
 * Run: npx tsx bench/metrics-ingest.ts → prints a table, writes bench/results/metrics-ingest.json.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { parseExposition } from "../lib/metrics/exposition/parse-exposition";
import { DEFAULT_MAX_BYTES } from "../lib/metrics/store/store-options";
import { startPrometheus } from "../lib/metrics/testing/prometheus-process";

const WARMUP_S = 30;
const INTERVAL_MS = 5000;

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name}=${raw} is not allowed: give a whole number from ${min} to ${max} (default ${fallback})`);
    process.exit(2);
  }
  return n;
}

const SECONDS = intEnv("BENCH_METRICS_SECONDS", 150, WARMUP_S + 30, 600);
const TARGETS = intEnv("BENCH_METRICS_TARGETS", 500, 10, 2000);
const MAX_BYTES = intEnv("BENCH_METRICS_MAX_BYTES", DEFAULT_MAX_BYTES, 1024 * 1024, 16 * 1024 ** 3);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function startTargets(): Promise<{ ports: number[]; seriesPerTarget: number; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/metrics-targets-server.ts", String(TARGETS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { ...JSON.parse(first), stop: () => child.kill("SIGTERM") };
}

/** The machine is shared: the 1-minute load average around each phase says how busy it was. */
const load = () => Math.round(loadavg()[0]! * 100) / 100;

async function runEmbedded(ports: number[]) {
  const loadBefore = load();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/metrics-ingest-embedded.ts",
      ports.join(","),
      String(SECONDS),
      String(WARMUP_S),
      String(MAX_BYTES),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  await new Promise((resolve) => child.on("exit", resolve));
  return { ...JSON.parse(out.trim().split("\n").pop()!), loadAverage: [loadBefore, load()] };
}

const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

async function appendedSamples(url: string): Promise<number> {
  const body = await fetch(`${url}/metrics`).then((r) => r.text());
  const family = parseExposition(body, "prometheus-text").families.find(
    (f) => f.name === "prometheus_tsdb_head_samples_appended_total",
  );
  return family?.samples.reduce((n, s) => n + s.value, 0) ?? NaN;
}

async function runPrometheus(ports: number[]) {
  const targets = ports.map((port, i) => ({
    address: `127.0.0.1:${port}`,
    labels: { fleetdeck_target: `t${i}`, fleetdeck_kind: i % 2 === 0 ? "vllm" : "gpu-exporter" },
  }));
  const loadBefore = load();
  const prometheus = await startPrometheus(targets, INTERVAL_MS);
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssBytes(prometheus.pid))), 1000);
  try {
    await sleep(WARMUP_S);
    const [cpu0, samples0, t0] = [processCpuSeconds(prometheus.pid), await appendedSamples(prometheus.url), Date.now()];
    await sleep(SECONDS - WARMUP_S);
    const [cpu1, samples1, t1] = [processCpuSeconds(prometheus.pid), await appendedSamples(prometheus.url), Date.now()];
    const up = await fetch(`${prometheus.url}/api/v1/query?query=count(up%3D%3D1)`).then(
      (r) => r.json() as Promise<{ data: { result: { value: [number, string] }[] } }>,
    );
    return {
      cpuSeconds: cpu1 - cpu0,
      samples: samples1 - samples0,
      wallSeconds: (t1 - t0) / 1000,
      rssMaxBytes: Math.max(rssMax, rssBytes(prometheus.pid)),
      targetsUp: Number(up.data.result[0]?.value[1] ?? 0),
      loadAverage: [loadBefore, load()],
    };
  } finally {
    clearInterval(sampler);
    await prometheus.close();
  }
}

const version = execFileSync("prometheus", ["--version"]).toString().split("\n")[0]!;
const targets = await startTargets();
console.log(
  `${TARGETS} targets × ${targets.seriesPerTarget} series on loopback; ${SECONDS} s per scraper (${WARMUP_S} s warm-up not measured)`,
);
let embedded: Awaited<ReturnType<typeof runEmbedded>>;
let prometheus: Awaited<ReturnType<typeof runPrometheus>>;
try {
  embedded = await runEmbedded(targets.ports);
  prometheus = await runPrometheus(targets.ports);
} finally {
  targets.stop();
}

const perMillion = (r: { cpuSeconds: number; samples: number }) => round((r.cpuSeconds / r.samples) * 1e6, 2);
const result = {
  benchmark: "metrics ingest: embedded scraper vs Prometheus",
  when: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.split(" ").slice(0, 2).join(" "),
    node: process.version,
    prometheus: version,
  },
  config: {
    targets: TARGETS,
    seriesPerTarget: targets.seriesPerTarget,
    intervalMs: INTERVAL_MS,
    secondsPerScraper: SECONDS,
    warmupSeconds: WARMUP_S,
    maxBytes: MAX_BYTES,
  },
  embedded: {
    cpuSeconds: round(embedded.cpuSeconds),
    samples: embedded.samples,
    samplesPerSecond: Math.round(embedded.samples / embedded.wallSeconds),
    cpuSecondsPerMillionSamples: perMillion(embedded),
    cpuShareOfOneCore: round(embedded.cpuSeconds / embedded.wallSeconds),
    rssMaxMiB: mib(embedded.rssMaxBytes),
    heapUsedMiB: mib(embedded.heapUsedBytes),
    storeBytesMiB: mib(embedded.store.bytes),
    maxBytesMiB: mib(MAX_BYTES),
    storeSeries: embedded.store.series,
    storeSamples: embedded.store.samples,
    evictedSamples: embedded.store.evictedSamples,
    targetsUp: embedded.targetsUp,
    scrapes: embedded.scrapes,
    failures: embedded.failures,
    skipped: embedded.skipped,
    errors: embedded.errors,
    loadAverage: embedded.loadAverage,
  },
  prometheus: {
    cpuSeconds: round(prometheus.cpuSeconds),
    samples: prometheus.samples,
    samplesPerSecond: Math.round(prometheus.samples / prometheus.wallSeconds),
    cpuSecondsPerMillionSamples: perMillion(prometheus),
    cpuShareOfOneCore: round(prometheus.cpuSeconds / prometheus.wallSeconds),
    rssMaxMiB: mib(prometheus.rssMaxBytes),
    targetsUp: prometheus.targetsUp,
    loadAverage: prometheus.loadAverage,
  },
  embeddedCpuPerSampleVsPrometheus: round(perMillion(embedded) / perMillion(prometheus), 2),
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/metrics-ingest.json", `${JSON.stringify(result, null, 2)}\n`);
console.table({
  embedded: {
    "CPU s / M samples": result.embedded.cpuSecondsPerMillionSamples,
    "samples/s": result.embedded.samplesPerSecond,
    "RSS max MiB": result.embedded.rssMaxMiB,
    "targets up": result.embedded.targetsUp,
  },
  prometheus: {
    "CPU s / M samples": result.prometheus.cpuSecondsPerMillionSamples,
    "samples/s": result.prometheus.samplesPerSecond,
    "RSS max MiB": result.prometheus.rssMaxMiB,
    "targets up": result.prometheus.targetsUp,
  },
});
console.log(
  `store ${result.embedded.storeBytesMiB} MiB of a ${result.embedded.maxBytesMiB} MiB cap, ${result.embedded.storeSeries} series; embedded CPU per sample = ${result.embeddedCpuPerSampleVsPrometheus} × Prometheus's`,
);
