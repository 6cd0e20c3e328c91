import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadPort } from "../testing/loopback-server";
import { type SimProcess, SimHost } from "../testing/sim-host";
import { loadTestParamsSchema } from "./load-test-params";
import type { LoadTestProgress } from "./load-test-result";
import { runLoadTest } from "./run-load-test";

/** The runner against the simulator bundle run as child processes: real HTTP, real streaming, real engines' APIs. */
const host = new SimHost({ gpu: "RTX 4090D", gpuCount: 2, name: "sim-load" });
let vllm: SimProcess;
let tgi: SimProcess;
const MODEL = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";

beforeAll(async () => {
  [vllm, tgi] = await Promise.all([
    host.vllm("vllm", MODEL, [0], ["--max-model-len", "4096"]),
    host.tgi("tgi", "Qwen/Qwen2.5-1.5B-Instruct", [1], ["--max-total-tokens", "4096", "--max-input-tokens", "2048"]),
  ]);
}, 60_000);

afterAll(() => host.dispose());

const params = (p: Record<string, unknown>) => loadTestParamsSchema.parse(p);

describe("runLoadTest", () => {
  it("sends exactly the requests asked, streams every token and times them (vLLM)", async () => {
    const seen: LoadTestProgress[] = [];
    const r = await runLoadTest({
      target: { endpoint: vllm.url, engine: "vllm", model: MODEL },
      params: params({ concurrency: 4, promptTokens: 128, outputTokens: 32, stopKind: "requests", requestCount: 12 }),
      onProgress: (p) => seen.push(p),
      progressEveryMs: 100,
    });
    expect(r).toMatchObject({ requests: 12, succeeded: 12, failed: 0, outputTokens: 12 * 32, errors: [] });
    expect(r.promptTokens).toBeGreaterThan(12 * 32);
    expect(r.ttftMs.p50).toBeGreaterThan(0);
    expect(r.itlMs.p50).toBeGreaterThan(0);
    expect(r.e2eMs.p99!).toBeGreaterThanOrEqual(r.e2eMs.p50!);
    expect(r.e2eMs.p50!).toBeGreaterThan(r.ttftMs.p50!);
    expect(r.requestsPerSecond).toBeCloseTo(12 / (r.wallMs / 1000), 6);
    expect(r.outputTokensPerSecond).toBeCloseTo((12 * 32) / (r.wallMs / 1000), 6);
    // progress is reported while it runs, and once more at the end with everything counted
    expect(seen.at(-1)).toMatchObject({ sent: 12, succeeded: 12, inFlight: 0, outputTokens: 384 });
    expect(seen.some((p) => p.inFlight > 0)).toBe(true);
  });

  it("stops issuing requests when the time is up (TGI, built-in prompts)", async () => {
    const r = await runLoadTest({
      target: { endpoint: tgi.url, engine: "tgi", model: "Qwen/Qwen2.5-1.5B-Instruct" },
      params: params({
        concurrency: 2,
        promptKind: "builtin",
        outputTokens: 16,
        stopKind: "duration",
        durationSeconds: 2,
      }),
    });
    expect(r.failed).toBe(0);
    expect(r.succeeded).toBeGreaterThan(2);
    expect(r.wallMs).toBeGreaterThanOrEqual(2000);
    expect(r.wallMs).toBeLessThan(2000 + 10_000);
    expect(r.outputTokens).toBeLessThanOrEqual(r.succeeded * 16);
    expect(r.ttftMs.p50).toBeGreaterThan(0);
  });

  it("counts an engine that cannot be reached as errors, within the request bound", async () => {
    const r = await runLoadTest({
      target: { endpoint: `http://127.0.0.1:${await deadPort()}`, engine: "vllm", model: MODEL },
      params: params({ concurrency: 3, stopKind: "requests", requestCount: 7 }),
    });
    expect(r).toMatchObject({ requests: 7, succeeded: 0, failed: 7, requestsPerSecond: 0 });
    expect(r.errors).toEqual([{ message: "cannot reach the engine (ECONNREFUSED)", count: 7 }]);
    expect(r.ttftMs).toEqual({ p50: null, p95: null, p99: null });
  });

  it("ends promptly when cancelled, with what it measured", async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 700);
    const t0 = Date.now();
    const r = await runLoadTest({
      target: { endpoint: vllm.url, engine: "vllm", model: MODEL },
      params: params({ concurrency: 2, outputTokens: 512, stopKind: "duration", durationSeconds: 60 }),
      signal: stop.signal,
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.message === "stopped")).toBe(true);
  });

  it("refuses parameters past the limits, naming the field", () => {
    const r = loadTestParamsSchema.safeParse({ concurrency: 500, durationSeconds: "1h" });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      "concurrency must be at most 64 (the load test limit)",
      "durationSeconds must be a number of seconds",
    ]);
  });
});
