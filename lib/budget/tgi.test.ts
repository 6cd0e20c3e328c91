import { describe, expect, it } from "vitest";
import { RTX_4060_8GB, RTX_4090D } from "./testing/gpu-fixtures";
import { QWEN25_7B, QWEN25_7B_GPTQ_INT4 } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { budgetTgi } from "./tgi";
import type { Instance } from "../vocabulary/layout-schema";
import { selectTgiProfile } from "./tgi-profiles";

const tgi = (input: Parameters<typeof makeInstance>[0], gpu = RTX_4090D, model = QWEN25_7B) =>
  budgetTgi(makeInstance({ engine: "tgi", ...input }), model, gpu);

describe("TGI budget", () => {
  it("picks each release's warm-up arithmetic from its tag", () => {
    expect(selectTgiProfile(undefined)).toMatchObject({ name: "tgi-3.3", fractionWiggle: 0.9, freeWiggle: 1 });
    expect(selectTgiProfile("3.1.1")).toMatchObject({ name: "tgi-3.1", fractionWiggle: 0.93 });
    expect(selectTgiProfile("2.4.1")).toMatchObject({ name: "tgi-2.4", fractionWiggle: 1, freeWiggle: 0.9 });
    expect(selectTgiProfile("2.0.4")).toMatchObject({ name: "tgi-2.0", freeWiggle: 0.95 });
    expect(selectTgiProfile("1.4.5")).toMatchObject({ name: "tgi-1", freeWiggle: 1, defaultAttention: "paged" });
  });

  it("takes the block size of the attention backend: flashinfer 1, paged 16, flashdecoding 256", () => {
    expect(tgi({ model: QWEN25_7B.id }).settings!.blockSizeTokens).toBe(1);
    expect(tgi({ model: QWEN25_7B.id, engineVersion: "1.4.0" }).settings!.blockSizeTokens).toBe(16);
    const decoding = tgi({ model: QWEN25_7B.id, tgi: { cudaMemoryFraction: 1, attention: "flashdecoding" } });
    expect(decoding.settings!.blockSizeTokens).toBe(256);
  });

  it("derives max_batch_total_tokens from free memory for Qwen2.5-7B on 4 × RTX 4090D", () => {
    const b = tgi({ model: QWEN25_7B.id, tp: 4 });
    expect(b.fits).toBe(true);
    expect(b.kvCacheTokens).toBeGreaterThan(500_000);
    expect(b.settings!.maxTotalTokens).toBe(32_768);
    expect(b.settings!.maxInputTokens).toBe(32_767);
    expect(b.findings).toEqual([]);
  });

  it("fits GPTQ-Int4 on one RTX 4090D", () => {
    const b = tgi({ model: QWEN25_7B_GPTQ_INT4.id, quantization: "gptq" }, RTX_4090D, QWEN25_7B_GPTQ_INT4);
    expect(b.fits).toBe(true);
    expect(b.maxConcurrency).toBeGreaterThan(3);
  });

  it("flags max_batch_prefill_tokens below max_input_tokens in the launcher's words; the limits as set are tgi.*'s", () => {
    const b = tgi({
      model: QWEN25_7B.id,
      tp: 2,
      tgi: {
        cudaMemoryFraction: 1,
        maxInputTokens: 8000,
        maxTotalTokens: 8192,
        maxBatchPrefillTokens: 4096,
        maxBatchTotalTokens: 4096,
      },
    });
    const f = b.findings.find((x) => x.code === "budget.tgi-prefill-below-input")!;
    expect(f.message).toContain("`max_batch_prefill_tokens` must be >= `max_input_tokens`");
    expect(f.patch?.tgi?.maxBatchPrefillTokens).toBe(8050);
    expect(
      b.findings.map((x) => x.code).filter((c) => c.startsWith("budget.tgi-input") || c.startsWith("budget.tgi-total")),
    ).toEqual([]);
    expect(
      tgi({
        model: QWEN25_7B.id,
        tp: 2,
        tgi: { cudaMemoryFraction: 1, maxInputTokens: 8000, maxBatchPrefillTokens: 8192 },
      }).findings,
    ).toEqual([]);
  });

  it("flags max_total_tokens longer than the KV cache holds, with a patch to what does", () => {
    const b = tgi(
      {
        model: QWEN25_7B_GPTQ_INT4.id,
        tgi: { cudaMemoryFraction: 0.34, maxTotalTokens: 32_768, maxInputTokens: 30_000 },
      },
      RTX_4090D,
      QWEN25_7B_GPTQ_INT4,
    );
    expect(b.fits).toBe(false);
    expect(b.kvCacheTokens).toBeGreaterThan(0);
    const f = b.findings.find((x) => x.code === "budget.tgi-max-total-does-not-fit")!;
    expect(f.patch?.tgi?.maxTotalTokens).toBe(b.kvCacheTokens);
    expect(f.patch?.tgi?.maxInputTokens).toBe(Math.min(30_000, b.kvCacheTokens - 1));
  });

  it("has no KV memory for bf16 Qwen2.5-7B on an 8 GB card", () => {
    const b = tgi({ model: QWEN25_7B.id }, RTX_4060_8GB);
    expect(b.fits).toBe(false);
    expect(b.findings[0]?.code).toBe("budget.tgi-no-kv-memory");
    expect(b.findings[0]?.fix).toMatch(/num-shard|quantize/);
  });

  it("lowers the KV cache with --cuda-memory-fraction", () => {
    const full = tgi({ model: QWEN25_7B_GPTQ_INT4.id }, RTX_4090D, QWEN25_7B_GPTQ_INT4);
    const part = tgi(
      { model: QWEN25_7B_GPTQ_INT4.id, tgi: { cudaMemoryFraction: 0.6 } },
      RTX_4090D,
      QWEN25_7B_GPTQ_INT4,
    );
    expect(part.kvCacheTokens).toBeLessThan(full.kvCacheTokens);
    expect(part.budgetBytesPerGpu).toBe(Math.floor(RTX_4090D.cudaTotalBytes * 0.6));
  });
});

describe("TGI warm-up reserve", () => {
  const version = (engineVersion: string, extra: Partial<NonNullable<Instance["tgi"]>> = {}) =>
    tgi({ model: QWEN25_7B.id, engineVersion, tgi: { cudaMemoryFraction: 1, maxInputTokens: 4095, ...extra } });

  it("books the logits of every warm-up token up to 2.4, and only the last tokens from 3.0", () => {
    const before = version("2.4.1");
    const after = version("3.0.0");
    expect(before.activationBytes).toBeGreaterThan(4 * after.activationBytes);
    expect(after.kvCacheTokens).toBeGreaterThan(before.kvCacheTokens);
  });

  it("books every token's logits again on 3.x with --enable-prefill-logprobs", () => {
    const asked = version("3.0.0", { prefillLogprobs: true });
    expect(asked.activationBytes).toBeGreaterThan(4 * version("3.0.0").activationBytes);
  });
});

describe("TGI 0.9.0–0.9.3", () => {
  it("holds exactly --max-batch-total-tokens (16,000 by default) instead of inferring the cache", () => {
    const b = tgi({ model: QWEN25_7B.id, engineVersion: "0.9.3" });
    expect(b.settings!.profile).toBe("tgi-0.9");
    expect(b.kvCacheTokens).toBe(16_000);
    expect(b.fits).toBe(true);
    expect(tgi({ model: QWEN25_7B.id, engineVersion: "0.9.4" }).kvCacheTokens).toBeGreaterThan(16_000);
  });

  it("fails the warm-up when that cache does not fit beside the weights, naming TGI's error", () => {
    const b = tgi({
      model: QWEN25_7B.id,
      engineVersion: "0.9.3",
      tgi: { cudaMemoryFraction: 1, maxBatchTotalTokens: 400_000 },
    });
    expect(b.fits).toBe(false);
    const f = b.findings.find((x) => x.code === "budget.tgi-max-total-does-not-fit")!;
    expect(f.message).toContain("Not enough memory to handle 400000 total tokens");
  });
});
