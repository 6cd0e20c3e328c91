import { performance } from "node:perf_hooks";

/** The value at fraction `p` of ascending `sorted` (0.5: the median). */
export const quantile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

const roundTo = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Minimum, median, 95th percentile and maximum, rounded. */
export function spread(xs: readonly number[], decimals: number) {
  const s = ascending(xs);
  return {
    min: roundTo(s[0]!, decimals),
    median: roundTo(quantile(s, 0.5), decimals),
    p95: roundTo(quantile(s, 0.95), decimals),
    max: roundTo(s[s.length - 1]!, decimals),
  };
}

/**
 * Runs `next` (untimed) then `timed`, `warmup` times unrecorded and `runs` times recorded: the wall and process CPU
 * milliseconds of each `timed`.
 */
export function timeRuns({
  warmup,
  runs,
  next,
  timed,
}: {
  warmup: number;
  runs: number;
  next?: (run: number) => void;
  timed: () => void;
}) {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let run = 0; run < warmup + runs; run++) {
    next?.(run);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    timed();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    if (run < warmup) continue;
    wallMs.push(ms);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}
