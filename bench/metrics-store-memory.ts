/**
 * Checks the store's memory estimate (what the cap is enforced against) against what V8 really holds: 250 synthetic
 * targets × 200 series (bench/metrics-synthetic-exposition.ts) ingested through the scraper's path, then the live
 * heap and ArrayBuffer bytes after a full GC, per series, next to the store's own estimate per series, at 6, 30
 * and 130 samples per series. Needs --expose-gc (run.ts passes it).
 * Run: node --expose-gc --import tsx bench/metrics-store-memory.ts → writes bench/results/metrics-store-memory.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { scanExposition } from "../lib/metrics/exposition/scanner";
import { SeriesStore } from "../lib/metrics/store/series-store";
import { TargetAppender } from "../lib/metrics/store/target-appender";
import { SyntheticTarget } from "./metrics-synthetic-exposition";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error("run with node --expose-gc --import tsx bench/metrics-store-memory.ts");
  process.exit(2);
}
const TARGETS = 250;

function measure(scrapes: number) {
  const targets = Array.from({ length: TARGETS }, (_, i) => new SyntheticTarget(i));
  gc!();
  const base = process.memoryUsage();
  const store = new SeriesStore({ maxBytes: 2 ** 31 });
  const appenders = targets.map(
    (_, i) =>
      new TargetAppender(store, {
        fleetdeck_target: `t${i}`,
        fleetdeck_kind: "vllm",
        fleetdeck_host: `host-${i >> 1}`,
      }),
  );
  let t = Date.UTC(2026, 0, 1);
  for (let k = 0; k < scrapes; k++, t += 5000) {
    targets.forEach((target, i) => {
      appenders[i]!.begin(t);
      scanExposition(target.render(), "prometheus-text", appenders[i]!);
      appenders[i]!.commit();
    });
  }
  gc!();
  const m = process.memoryUsage();
  const stats = store.stats();
  const live = m.heapUsed - base.heapUsed + m.arrayBuffers - base.arrayBuffers;
  return {
    samplesPerSeries: scrapes,
    series: stats.series,
    liveBytesPerSeries: Math.round(live / stats.series),
    estimatedBytesPerSeries: Math.round(stats.bytes / stats.series),
    estimateOverLive: Math.round((stats.bytes / live) * 100) / 100,
    keep: [store, appenders],
  };
}

const rows = [6, 30, 130].map((n) => {
  const { keep: _keep, ...row } = measure(n);
  return row;
});
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/metrics-store-memory.json",
  `${JSON.stringify({ benchmark: "metrics store: estimated vs live bytes", when: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
console.table(rows);
