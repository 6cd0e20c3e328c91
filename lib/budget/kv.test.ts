import { describe, expect, it } from "vitest";
import { findModel } from "../catalog";
import { kvBytesPerTokenPerGpu, kvBytesPerTokenPerLayer, kvDtypeBytes, kvPool } from "./kv";
import { H100_80GB } from "./testing/gpu-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { budgetVllm } from "./vllm";
import { LLAMA2_7B, QWEN25_7B, QWEN3_14B, QWEN3_235B_FP8 } from "./testing/model-fixtures";
import { GIB } from "../vocabulary/units";

describe("KV cache bytes per token", () => {
  it("is 57,344 B for Qwen2.5-7B in bf16 and 28,672 B in fp8", () => {
    expect(kvBytesPerTokenPerGpu(QWEN25_7B, 1, kvDtypeBytes("auto", "auto"))).toBe(57_344);
    expect(kvBytesPerTokenPerGpu(QWEN25_7B, 1, kvDtypeBytes("fp8", "auto"))).toBe(28_672);
  });

  it("splits KV heads over TP and replicates them once TP exceeds their number", () => {
    expect(kvBytesPerTokenPerGpu(QWEN25_7B, 2, 2)).toBe(28_672);
    expect(kvBytesPerTokenPerGpu(QWEN25_7B, 4, 2)).toBe(14_336);
    expect(kvBytesPerTokenPerGpu(QWEN25_7B, 8, 2)).toBe(14_336);
  });

  it("matches known models: Llama-2-7B 512 KiB, Qwen3-235B TP4 47 KiB per rank", () => {
    expect(kvBytesPerTokenPerGpu(LLAMA2_7B, 1, 2)).toBe(512 * 1024);
    expect(kvBytesPerTokenPerGpu(QWEN3_235B_FP8, 4, 2)).toBe(94 * 512);
  });
});

describe("KV pool in whole blocks", () => {
  it("reproduces Qwen3-14B: 6.51 GiB → 42,656 tokens (LMCache#1739)", () => {
    const pool = kvPool(6.51 * GIB, kvBytesPerTokenPerGpu(QWEN3_14B, 1, 2), 16);
    expect(pool.tokens).toBe(42_656);
  });

  it("never goes negative", () => {
    expect(kvPool(-1.05 * GIB, 57_344, 16)).toEqual({ blocks: 0, tokens: 0, bytes: 0 });
  });
});

describe("MLA caches", () => {
  const v3 = findModel("deepseek-ai/DeepSeek-V3")!;

  it("caches MLA's latent (kv_lora_rank + rope) once per token and layer, and expanded K/V before vLLM 0.7.1", () => {
    expect(kvBytesPerTokenPerLayer(v3, 8, 2)).toBe((512 + 64) * 2);
    // 128 heads / TP 8, K and V each qk_nope 128 + qk_rope 64 wide (V padded to K's width).
    expect(kvBytesPerTokenPerLayer(v3, 8, 2, false)).toBe(2 * 16 * 192 * 2);
  });

  it("the vLLM budget switches at 0.7.1 (vllm#12601)", () => {
    const at = (engineVersion: string) =>
      budgetVllm(makeInstance({ model: v3.id, tp: 16, engineVersion }), v3, H100_80GB).kvBytesPerTokenPerGpu;
    expect(at("0.6.4")).toBe(61 * 2 * 8 * 192 * 2);
    expect(at("0.7.1")).toBe(61 * 1152);
  });
});
