import type { EngineCore, Step } from "./core";
import type { RequestSpec } from "./request";

/** A closed-loop load: `clients` users each send a request, wait for the answer, and send the next. */
export interface ClosedLoad {
  clients: number;
  promptTokens: number;
  outputTokens: number;
  durationSeconds: number;
  /** Measurements start after this many seconds (the queue fills first). */
  warmupSeconds: number;
}

export interface LoadResult {
  requests: number;
  outputTokensPerSecond: number;
  ttftSeconds: number[];
  itlSeconds: number[];
  e2eSeconds: number[];
  peakKvUsage: number;
  peakWaiting: number;
  preemptions: number;
}

/**
 * Runs engine cores in virtual time under a closed-loop load, clients spread round-robin over the
 * cores (an even load balancer). Deterministic: the same inputs give the same numbers.
 */
export function runClosedLoad(cores: readonly EngineCore[], load: ClosedLoad): LoadResult {
  const endMs = load.durationSeconds * 1000;
  const warmMs = load.warmupSeconds * 1000;
  const result: LoadResult = {
    requests: 0,
    outputTokensPerSecond: 0,
    ttftSeconds: [],
    itlSeconds: [],
    e2eSeconds: [],
    peakKvUsage: 0,
    peakWaiting: 0,
    preemptions: 0,
  };
  let tokens = 0;
  let next = 0;
  const submit = (core: EngineCore, atMs: number) => {
    const spec: RequestSpec = {
      id: `r${next++}`,
      promptTokens: load.promptTokens,
      outputTokens: load.outputTokens,
      maxTokensParam: load.outputTokens,
      finishReason: "length",
    };
    core.submit(spec, atMs);
  };
  cores.forEach((core) => {
    core.observe({
      stepEnded: (batch, _s, end, events) => {
        if (end < warmMs) return;
        tokens += events.length;
        result.preemptions += batch.preempted;
        for (const e of events) {
          if (e.index === 0) result.ttftSeconds.push((e.atMs - e.seq.arrivalMs) / 1000);
          else if (e.seq.previousTokenMs !== undefined) result.itlSeconds.push((e.atMs - e.seq.previousTokenMs) / 1000);
        }
      },
      finished: (seq, _reason, end) => {
        if (end >= warmMs) {
          result.requests += 1;
          result.e2eSeconds.push((end - seq.arrivalMs) / 1000);
        }
        if (end < endMs) submit(core, end);
      },
    });
  });
  for (let c = 0; c < load.clients; c++) submit(cores[c % cores.length]!, 0);
  const steps: Array<Step | undefined> = cores.map((core) => core.startStep(0));
  for (;;) {
    let soonest = -1;
    steps.forEach((step, i) => {
      if (
        step &&
        (soonest < 0 || step.startMs + step.durationMs < steps[soonest]!.startMs + steps[soonest]!.durationMs)
      )
        soonest = i;
    });
    if (soonest < 0) break;
    const step = steps[soonest]!;
    const end = step.startMs + step.durationMs;
    if (end > endMs) break;
    const core = cores[soonest]!;
    core.endStep(step, end);
    if (end >= warmMs) {
      result.peakKvUsage = Math.max(result.peakKvUsage, core.scheduler.pool.usage);
      result.peakWaiting = Math.max(result.peakWaiting, core.scheduler.waiting.length);
    }
    steps[soonest] = core.startStep(end);
  }
  result.outputTokensPerSecond = tokens / ((endMs - warmMs) / 1000);
  return result;
}

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};
