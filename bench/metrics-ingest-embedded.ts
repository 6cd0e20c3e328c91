/**
 * The embedded half of bench/metrics-ingest.ts, in its own process so its CPU time and resident memory are its own:
 * runs the Scraper and SeriesStore against the given loopback ports for the given time and prints one JSON line.
 * Args: <ports comma-separated> <seconds> <warm-up seconds> <maxBytes>
 */
import { performance, PerformanceObserver } from "node:perf_hooks";
import { Scraper } from "../lib/metrics/scrape/scraper";
import { SeriesStore } from "../lib/metrics/store/series-store";

const [portsArg, secondsArg, warmupArg, maxBytesArg] = process.argv.slice(2);
const ports = portsArg!.split(",").map(Number);
const seconds = Number(secondsArg);
const warmup = Number(warmupArg);
const maxBytes = Number(maxBytesArg);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

const store = new SeriesStore({ maxBytes });
const scraper = new Scraper({
  store,
  intervalMs: 5000,
  targets: () =>
    ports.map((port, i) => ({
      id: `t${i}`,
      url: `http://127.0.0.1:${port}/metrics`,
      kind: i % 2 === 0 ? ("vllm" as const) : ("gpu-exporter" as const),
      timeoutMs: 4000,
      labels:
        i % 2 === 0
          ? { fleetdeck_instance: `instance-${i}`, fleetdeck_host: `host-${i >> 1}` }
          : { fleetdeck_host: `host-${i >> 1}` },
    })),
});

/** BENCH_PROFILE=<file>: a CPU profile of the measured window only (after the warm-up), for finding hot spots. */
async function startProfile(): Promise<() => Promise<void>> {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  };
}

let rssMaxBytes = 0;
const sampler = setInterval(() => (rssMaxBytes = Math.max(rssMaxBytes, process.memoryUsage().rss)), 1000);
await scraper.start();
await sleep(warmup);
const profiler = process.env.BENCH_PROFILE ? await startProfile() : null;
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
let gcPauseMs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauseMs += e.duration;
});
gcObserver.observe({ entryTypes: ["gc"] });
const appended0 = store.stats().appendedSamples;
const t0 = performance.now();
await sleep(seconds - warmup);
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
gcObserver.disconnect();
const samples = store.stats().appendedSamples - appended0;
const wallSeconds = (performance.now() - t0) / 1000;
if (profiler) await profiler();
await scraper.stop();
clearInterval(sampler);
const states = scraper.states();
globalThis.gc?.();
const memory = process.memoryUsage();
console.log(
  JSON.stringify({
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    /** Of which the main thread: time the event loop was busy (GC pauses included). */
    mainThreadSeconds: elu.active / 1000,
    gcPauseSeconds: gcPauseMs / 1000,
    samples,
    wallSeconds,
    rssMaxBytes: Math.max(rssMaxBytes, memory.rss),
    rssEndBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    arrayBuffersBytes: memory.arrayBuffers,
    store: store.stats(),
    targetsUp: states.filter((s) => s.health === "up").length,
    scrapes: states.reduce((n, s) => n + s.scrapes, 0),
    failures: states.reduce((n, s) => n + s.failures, 0),
    skipped: states.reduce((n, s) => n + s.skipped, 0),
    errors: [...new Set(states.map((s) => s.lastError).filter(Boolean))].slice(0, 5),
  }),
);
process.exit(0);
