import { describe, expect, it } from "vitest";
import { EngineCore } from "./core";
import type { RequestSpec } from "./request";
import { TgiScheduler } from "./tgi-scheduler";
import type { TimingModel } from "./timing";
import { percentile, runClosedLoad } from "./virtual";
import { VllmScheduler } from "./vllm-scheduler";

/** A tiny GPU: every step costs 10 ms plus 1 µs per token, so the scheduler's choices are what the test sees. */
const FLAT: TimingModel = {
  bandwidthBytesPerSecond: 1e12,
  tensorFlops: 1e12,
  bandwidthEfficiency: 1,
  computeEfficiency: 1,
  weightReadBytes: 1e10,
  flopsPerToken: 1e6,
  attentionFlopsPerContextToken: 0,
  kvBytesPerToken: 0,
  hiddenSize: 1,
  layersPerStage: 1,
  tp: 1,
  pp: 1,
  interconnect: "pcie",
  overheadSeconds: 0,
};
const spec = (id: string, promptTokens: number, outputTokens: number): RequestSpec => ({
  id,
  promptTokens,
  outputTokens,
  maxTokensParam: outputTokens,
  finishReason: "length",
});

/** Runs the core until idle in virtual time; returns per-step snapshots. */
function drain(core: EngineCore) {
  const trace: Array<{ running: number; waiting: number; usage: number; preempted: number }> = [];
  let now = 0;
  for (let step = core.startStep(now); step; step = core.startStep(now)) {
    now = step.startMs + step.durationMs;
    core.endStep(step, now);
    trace.push({
      running: core.scheduler.running.length,
      waiting: core.scheduler.waiting.length,
      usage: core.scheduler.pool.usage,
      preempted: step.batch.preempted,
    });
    if (trace.length > 10_000) throw new Error("the scheduler never drains");
  }
  return trace;
}

describe("vLLM scheduling: blocks per sequence, waiting, preemption", () => {
  it("admits while blocks last, makes the rest wait, preempts when a running sequence cannot grow, and frees every block at the end", () => {
    const core = new EngineCore(new VllmScheduler(12, 16, { maxNumSeqs: 256, tokenBudget: 2048 }), FLAT);
    const finished: string[] = [];
    core.observe({ finished: (seq, reason) => finished.push(`${seq.spec.id}:${reason}`) });
    for (let i = 0; i < 5; i++) core.submit(spec(`r${i}`, 40, 40), 0);
    const trace = drain(core);
    expect(trace[0]!.waiting).toBeGreaterThan(0);
    expect(trace.some((t) => t.preempted > 0)).toBe(true);
    expect(Math.max(...trace.map((t) => t.usage))).toBeGreaterThan(0.9);
    expect(finished.sort()).toEqual(["r0:length", "r1:length", "r2:length", "r3:length", "r4:length"]);
    expect(core.scheduler.pool.usedBlocks).toBe(0);
  });

  it("respects max_num_seqs and the token budget (chunked prefill)", () => {
    const core = new EngineCore(new VllmScheduler(1000, 16, { maxNumSeqs: 2, tokenBudget: 100 }), FLAT);
    for (let i = 0; i < 3; i++) core.submit(spec(`r${i}`, 150, 5), 0);
    const first = core.startStep(0)!;
    expect(first.batch.items.map((i) => i.tokens)).toEqual([100]);
    core.endStep(first, first.durationMs);
    expect(drain(core).every((t) => t.running <= 2)).toBe(true);
  });

  it("aborts a request that can never fit instead of spinning", () => {
    const core = new EngineCore(new VllmScheduler(2, 16, { maxNumSeqs: 8, tokenBudget: 2048 }), FLAT);
    const reasons: string[] = [];
    core.observe({ finished: (_seq, reason) => reasons.push(reason) });
    core.submit(spec("huge", 100, 10), 0);
    drain(core);
    expect(reasons).toEqual(["abort"]);
  });
});

describe("TGI scheduling: whole requests reserved up front", () => {
  it("admits a request only when input + max_new_tokens fit, never preempts, and releases the reservation", () => {
    const core = new EngineCore(new TgiScheduler(300, 1, { maxNumSeqs: 64, tokenBudget: 4096 }), FLAT);
    for (let i = 0; i < 3; i++) core.submit(spec(`r${i}`, 100, 50), 0);
    const trace = drain(core);
    expect(trace[0]!.running).toBe(2);
    expect(trace[0]!.waiting).toBe(1);
    expect(trace.every((t) => t.preempted === 0)).toBe(true);
    expect(core.scheduler.pool.usedBlocks).toBe(0);
  });
});

describe("under load, waiting and latency grow like on a real card", () => {
  it("time to first token and queue grow with concurrency once the KV pool is the limit", () => {
    const make = () =>
      new EngineCore(new VllmScheduler(400, 16, { maxNumSeqs: 256, tokenBudget: 2048 }), {
        ...FLAT,
        kvBytesPerToken: 1e6,
      });
    const light = runClosedLoad([make()], {
      clients: 2,
      promptTokens: 200,
      outputTokens: 100,
      durationSeconds: 60,
      warmupSeconds: 5,
    });
    const heavy = runClosedLoad([make()], {
      clients: 64,
      promptTokens: 200,
      outputTokens: 100,
      durationSeconds: 60,
      warmupSeconds: 5,
    });
    expect(heavy.peakWaiting).toBeGreaterThan(light.peakWaiting);
    expect(heavy.peakKvUsage).toBeGreaterThan(light.peakKvUsage);
    expect(percentile(heavy.ttftSeconds, 0.5)).toBeGreaterThan(2 * percentile(light.ttftSeconds, 0.5));
    expect(percentile(heavy.itlSeconds, 0.5)).toBeGreaterThan(percentile(light.itlSeconds, 0.5));
  });
});
