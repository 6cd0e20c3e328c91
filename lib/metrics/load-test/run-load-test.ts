import "server-only";
import { BUILTIN_PROMPTS, syntheticPrompt } from "./builtin-prompts";
import { LOAD_TEST_LIMITS, type LoadTestParams } from "./load-test-params";
import { type LoadTestProgress, type LoadTestResult, type RequestSample, summarize } from "./load-test-result";
import { streamRequest } from "./stream-request";

export interface LoadTestTarget {
  /** The replica's own endpoint, from the inventory (never from the caller). */
  endpoint: string;
  engine: "vllm" | "tgi";
  model: string;
}

export interface RunLoadTestOptions {
  target: LoadTestTarget;
  params: LoadTestParams;
  /** Cancels the test: in-flight requests are aborted and the run ends with what it measured. */
  signal?: AbortSignal;
  onProgress?: (p: LoadTestProgress) => void;
  progressEveryMs?: number;
}

/** How long in-flight requests may finish after the time is up, before they are aborted. */
const DRAIN_MS = 10_000;

/**
 * Sends test load: `concurrency` workers each send the next request as soon as their previous answer ends, until
 * the duration or the request count is reached (and never past the limits of LOAD_TEST_LIMITS). Returns what it
 * measured; an engine that fails answers counts as errors, not as a thrown run.
 */
export async function runLoadTest(o: RunLoadTestOptions): Promise<LoadTestResult> {
  const { params } = o;
  const started = performance.now();
  const maxMs = (params.stopKind === "duration" ? params.durationSeconds : LOAD_TEST_LIMITS.maxDurationSeconds) * 1000;
  const maxRequests = params.stopKind === "requests" ? params.requestCount : LOAD_TEST_LIMITS.maxRequests;
  const abort = new AbortController();
  const onCancel = () => abort.abort(new Error("stopped"));
  o.signal?.addEventListener("abort", onCancel, { once: true });
  const samples: RequestSample[] = [];
  const recent: { at: number; tokens: number }[] = [];
  let sent = 0;
  let inFlight = 0;
  const elapsed = () => performance.now() - started;
  const timeUp = () => elapsed() >= maxMs || abort.signal.aborted;

  const progress = (): LoadTestProgress => {
    const now = elapsed();
    while (recent.length && recent[0]!.at < now - 2000) recent.shift();
    const window = Math.min(2000, Math.max(now, 1));
    return {
      elapsedMs: now,
      sent,
      succeeded: samples.filter((s) => s.ok).length,
      failed: samples.filter((s) => !s.ok).length,
      inFlight,
      outputTokens: samples.reduce((n, s) => n + (s.ok ? s.outputTokens : 0), 0),
      recentOutputTokensPerSecond: (recent.reduce((n, r) => n + r.tokens, 0) / window) * 1000,
    };
  };
  const ticker = o.onProgress ? setInterval(() => o.onProgress!(progress()), o.progressEveryMs ?? 500) : null;
  const drain = setTimeout(() => abort.abort(new Error("stopped")), maxMs + DRAIN_MS);

  const worker = async () => {
    while (!timeUp() && sent < maxRequests) {
      const n = sent++;
      inFlight += 1;
      const prompt =
        params.promptKind === "builtin"
          ? BUILTIN_PROMPTS[n % BUILTIN_PROMPTS.length]!
          : syntheticPrompt(params.promptTokens, n);
      const sample = await streamRequest({
        ...o.target,
        prompt,
        maxTokens: params.outputTokens,
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(LOAD_TEST_LIMITS.requestTimeoutMs)]),
      });
      inFlight -= 1;
      samples.push(sample);
      if (sample.ok) recent.push({ at: elapsed(), tokens: sample.outputTokens });
    }
  };
  try {
    await Promise.all(Array.from({ length: params.concurrency }, worker));
  } finally {
    if (ticker) clearInterval(ticker);
    clearTimeout(drain);
    o.signal?.removeEventListener("abort", onCancel);
  }
  o.onProgress?.(progress());
  return summarize(samples, elapsed());
}
