import { describe, expect, it } from "vitest";
import {
  modelRunnerV2BytesPerLogit,
  modelRunnerV2ReservesGraphs,
  reservesCudaGraphs,
  usesModelRunnerV2,
} from "./model-runner";
import { H100_80GB } from "./testing/gpu-fixtures";
import { LLAMA31_8B, QWEN25_7B, QWEN25_7B_AWQ, QWEN3_14B, QWEN3_235B_FP8 } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { budgetVllm } from "./vllm";

const v2 = (version: string, arch: typeof QWEN25_7B, quantized = arch.quantization !== undefined) =>
  usesModelRunnerV2(version, arch, { quantized });

describe("Model Runner V2", () => {
  it("takes over model family by family, as the release notes say", () => {
    expect([v2("0.21.0", QWEN3_14B), v2("0.22.0", QWEN3_14B), v2("0.22.0", QWEN25_7B)]).toEqual([false, true, false]);
    expect([v2("0.22.1", LLAMA31_8B), v2("0.23.0", LLAMA31_8B), v2("0.23.0", QWEN25_7B)]).toEqual([false, true, false]);
    expect([v2("0.24.0", QWEN25_7B_AWQ), v2("0.24.0", QWEN25_7B), v2("0.25.0", QWEN25_7B)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([v2("0.28.0", QWEN3_235B_FP8), v2("0.29.0", QWEN3_235B_FP8)]).toEqual([false, true]);
    expect(usesModelRunnerV2("0.27.1", QWEN25_7B, { quantized: false, forced: false })).toBe(false);
  });

  it("takes the graphs' estimate from the budget from 0.20, on 0.18–0.19 when asked, never when told not to", () => {
    expect([
      reservesCudaGraphs("0.17.1", false, false, true),
      reservesCudaGraphs("0.18.0", false, false, true),
    ]).toEqual([false, true]);
    expect([reservesCudaGraphs("0.22.0", true, false), reservesCudaGraphs("0.22.0", true, false, false)]).toEqual([
      true,
      false,
    ]);
    expect([reservesCudaGraphs("0.27.1", true, true), reservesCudaGraphs("0.29.0", true, true)]).toEqual([false, true]);
  });

  it("reserves no CUDA graphs before 0.29, and keeps only bf16 logits from 0.26", () => {
    expect([modelRunnerV2ReservesGraphs("0.27.1"), modelRunnerV2ReservesGraphs("0.29.0")]).toEqual([false, true]);
    expect([modelRunnerV2BytesPerLogit("0.25.1"), modelRunnerV2BytesPerLogit("0.26.0")]).toEqual([6, 2]);
  });

  it("gives a dense model on 0.27.1 the graphs' share of the budget back, as its start-up logs show", () => {
    const at = (modelRunnerV2?: boolean) =>
      budgetVllm(
        makeInstance({ model: QWEN25_7B.id, engineVersion: "0.27.1", vllm: { modelRunnerV2 } }),
        QWEN25_7B,
        H100_80GB,
      );
    const onV2 = at();
    const onV1 = at(false);
    expect(onV2.kvCacheBytesPerGpu).toBeGreaterThan(onV1.kvCacheBytesPerGpu);
    expect(onV2.terms.find((t) => t.name === "cudaGraphs")!.explanation).toMatch(/Model Runner V2/);
    expect(onV2.activationBytes).toBeLessThan(onV1.activationBytes);
  });
});
