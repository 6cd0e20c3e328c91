import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { budgetInstance } from "./instance";
import { LLAMA3_8B, QWEN25_7B, QWEN25_7B_GPTQ_INT4, QWEN3_14B, QWEN3_235B_FP8 } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { GIB } from "../vocabulary/units";

const models = [QWEN25_7B, QWEN25_7B_GPTQ_INT4, LLAMA3_8B, QWEN3_14B, QWEN3_235B_FP8];
const settings = fc.record({
  model: fc.constantFrom(...models),
  engine: fc.constantFrom("vllm" as const, "tgi" as const),
  tp: fc.constantFrom(1, 2, 4, 8),
  gmu: fc.double({ min: 0.3, max: 0.97, noNaN: true }),
  memoryGiB: fc.constantFrom(8, 24, 40, 48, 80, 141),
  maxModelLen: fc.option(fc.integer({ min: 256, max: 32_768 }), { nil: undefined }),
  kvCacheDtype: fc.constantFrom("auto" as const, "fp8" as const),
  engineVersion: fc.constantFrom(undefined, "0.6.4", "0.8.5", "0.11.0", "2.4.0"),
});

type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

const run = (s: Settings, gmu: number = s.gmu, tp: number = s.tp) =>
  budgetInstance(
    makeInstance({
      engine: s.engine,
      model: s.model.id,
      tp,
      gpuMemoryUtilization: gmu,
      maxModelLen: s.maxModelLen,
      kvCacheDtype: s.kvCacheDtype,
      engineVersion: s.engine === "vllm" && s.engineVersion !== "2.4.0" ? s.engineVersion : undefined,
      tgi: { cudaMemoryFraction: gmu },
    }),
    s.model,
    s.memoryGiB * GIB,
  );

describe("budget properties", () => {
  it("never plans a negative KV cache, and a fitting instance holds one full-length request", () => {
    fc.assert(
      fc.property(settings, (s) => {
        const b = run(s);
        expect(b.kvCacheBytesPerGpu).toBeGreaterThanOrEqual(0);
        expect(b.kvCacheTokens).toBeGreaterThanOrEqual(0);
        for (const t of b.terms) expect(t.bytes).toBeGreaterThanOrEqual(0);
        if (b.fits) expect(b.kvCacheTokens).toBeGreaterThanOrEqual(b.maxModelLen);
      }),
      { numRuns: 300 },
    );
  });

  it("more gpu_memory_utilization never means fewer KV tokens", () => {
    fc.assert(
      fc.property(settings, fc.double({ min: 0, max: 0.2, noNaN: true }), (s, more) => {
        expect(run(s, Math.min(1, s.gmu + more)).kvCacheTokens).toBeGreaterThanOrEqual(run(s).kvCacheTokens);
      }),
      { numRuns: 300 },
    );
  });

  it("more tensor parallelism never increases per-GPU weights", () => {
    fc.assert(
      fc.property(settings, (s) => {
        let previous = Infinity;
        for (const tp of [1, 2, 4, 8]) {
          const weights = run(s, s.gmu, tp).weightsBytesPerGpu;
          expect(weights).toBeLessThanOrEqual(previous);
          previous = weights;
        }
      }),
      { numRuns: 100 },
    );
  });
});
