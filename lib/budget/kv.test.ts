import { describe, expect, it } from "vitest";
import { kvBytesPerTokenPerGpu, kvDtypeBytes, kvPool } from "./kv";
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
