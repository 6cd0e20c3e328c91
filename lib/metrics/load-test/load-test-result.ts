import { z } from "zod";

const percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });
export type Percentiles = z.infer<typeof percentiles>;

/** What a load test measured; latencies in milliseconds. */
export const loadTestResultSchema = z.object({
  requests: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  wallMs: z.number(),
  requestsPerSecond: z.number(),
  outputTokens: z.number().int(),
  outputTokensPerSecond: z.number(),
  promptTokens: z.number().int(),
  ttftMs: percentiles,
  itlMs: percentiles,
  e2eMs: percentiles,
  /** The most frequent errors with their count. */
  errors: z.array(z.object({ message: z.string(), count: z.number().int() })),
});
export type LoadTestResult = z.infer<typeof loadTestResultSchema>;

/** Live progress while a test runs. */
export interface LoadTestProgress {
  elapsedMs: number;
  sent: number;
  succeeded: number;
  failed: number;
  inFlight: number;
  outputTokens: number;
  /** Output tokens per second over the last 2 seconds. */
  recentOutputTokensPerSecond: number;
}

/** One request's timings, as the runner records them. */
export interface RequestSample {
  ok: boolean;
  error?: string;
  ttftMs: number | null;
  /** Gaps between tokens after the first. */
  itlMs: number[];
  e2eMs: number;
  promptTokens: number;
  outputTokens: number;
}

/** The q-quantile of sorted values by linear interpolation (null when empty). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const percentilesOf = (values: number[]): Percentiles => {
  const sorted = values.sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
};

/** Aggregates the samples of a run over its wall time. */
export function summarize(samples: readonly RequestSample[], wallMs: number): LoadTestResult {
  const ok = samples.filter((s) => s.ok);
  const seconds = Math.max(wallMs, 1) / 1000;
  const outputTokens = ok.reduce((n, s) => n + s.outputTokens, 0);
  const errors = new Map<string, number>();
  for (const s of samples) if (!s.ok) errors.set(s.error ?? "error", (errors.get(s.error ?? "error") ?? 0) + 1);
  return {
    requests: samples.length,
    succeeded: ok.length,
    failed: samples.length - ok.length,
    wallMs,
    requestsPerSecond: ok.length / seconds,
    outputTokens,
    outputTokensPerSecond: outputTokens / seconds,
    promptTokens: ok.reduce((n, s) => n + s.promptTokens, 0),
    ttftMs: percentilesOf(ok.flatMap((s) => (s.ttftMs === null ? [] : [s.ttftMs]))),
    itlMs: percentilesOf(ok.flatMap((s) => s.itlMs)),
    e2eMs: percentilesOf(ok.map((s) => s.e2eMs)),
    errors: [...errors]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([message, count]) => ({ message, count })),
  };
}
