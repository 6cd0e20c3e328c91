import { describe, expect, it } from "vitest";
import { RTX_4060_8GB, RTX_4090D } from "./gpu-fixtures";
import { QWEN25_7B, QWEN25_7B_GPTQ_INT4 } from "./model-fixtures";
import { makeInstance } from "./test-helpers";
import { budgetTgi, selectTgiProfile } from "./tgi";

const tgi = (input: Parameters<typeof makeInstance>[0], gpu = RTX_4090D, model = QWEN25_7B) =>
  budgetTgi(makeInstance({ engine: "tgi", ...input }), model, gpu);

describe("TGI budget", () => {
  it("picks the 3.x warm-up (0.90 wiggle room, flashinfer blocks of 1) unless the version is 2.x", () => {
    expect(selectTgiProfile(undefined).name).toBe("tgi-3");
    expect(selectTgiProfile("2.4.1")).toMatchObject({ name: "tgi-2", blockSize: 16 });
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

  it("flags max_input_tokens ≥ max_total_tokens in the launcher's words, with the fix", () => {
    const b = tgi({ model: QWEN25_7B.id, tp: 2, tgi: { cudaMemoryFraction: 1, maxInputTokens: 8192, maxTotalTokens: 8192 } });
    const f = b.findings.find((x) => x.code === "budget.tgi-input-not-below-total")!;
    expect(f.message).toContain("`max_input_tokens` must be < `max_total_tokens`");
    expect(f.patch?.tgi?.maxInputTokens).toBe(8191);
  });

  it("flags max_batch_prefill_tokens below max_input_tokens and max_total_tokens above max_batch_total_tokens", () => {
    const b = tgi({ model: QWEN25_7B.id, tp: 2, tgi: { cudaMemoryFraction: 1, maxInputTokens: 8000, maxTotalTokens: 8192, maxBatchPrefillTokens: 4096, maxBatchTotalTokens: 4096 } });
    expect(b.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["budget.tgi-prefill-below-input", "budget.tgi-total-over-batch-total"]));
  });

  it("has no KV memory for bf16 Qwen2.5-7B on an 8 GB card", () => {
    const b = tgi({ model: QWEN25_7B.id }, RTX_4060_8GB);
    expect(b.fits).toBe(false);
    expect(b.findings[0]?.code).toBe("budget.tgi-no-kv-memory");
    expect(b.findings[0]?.fix).toMatch(/num-shard|quantize/);
  });

  it("lowers the KV cache with --cuda-memory-fraction", () => {
    const full = tgi({ model: QWEN25_7B_GPTQ_INT4.id }, RTX_4090D, QWEN25_7B_GPTQ_INT4);
    const part = tgi({ model: QWEN25_7B_GPTQ_INT4.id, tgi: { cudaMemoryFraction: 0.6 } }, RTX_4090D, QWEN25_7B_GPTQ_INT4);
    expect(part.kvCacheTokens).toBeLessThan(full.kvCacheTokens);
    expect(part.budgetBytesPerGpu).toBe(Math.floor(RTX_4090D.memoryBytes * 0.6));
  });
});
