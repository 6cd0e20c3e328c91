import { describe, expect, it } from "vitest";
import { buildHost, lookupGpu } from "../gpu/host";
import { offlineVllm } from "../vllm/offline";
import { stepSeconds } from "./timing";

const gpus = (name: string, count: number) =>
  buildHost(
    "h",
    Array.from({ length: count }, () => lookupGpu(name, "GPU")),
    false,
  ).gpus;

/** Single-stream decode speed with `context` tokens already cached. */
function tokensPerSecond(model: string, gpu: string, context: number, extra: string[] = []): number {
  const { core } = offlineVllm([model, ...extra], gpus(gpu, 1));
  return (
    1 /
    stepSeconds(core.timing, {
      decodeSeqs: 1,
      decodeContextTokens: context,
      prefillTokens: 0,
      prefillAttentionPairs: 0,
    })
  );
}

/**
 * Qwen's own speed benchmark (Qwen2.5 docs, speed_benchmark.rst: A100 80GB, vLLM 0.6.3, batch 1,
 * 2,048 generated tokens): the simulator's decode speed stays within 15 % of it.
 */
describe("decode speed against Qwen's published A100 measurements", () => {
  const within = (actual: number, expected: number) =>
    expect(Math.abs(actual - expected) / expected).toBeLessThan(0.15);

  it("Qwen2.5-7B-Instruct BF16: 84.28 tokens/s at input 1, 70.33 at input 30,720", () => {
    within(tokensPerSecond("Qwen/Qwen2.5-7B-Instruct", "A100 SXM 80GB", 1024), 84.28);
    within(tokensPerSecond("Qwen/Qwen2.5-7B-Instruct", "A100 SXM 80GB", 30720 + 1024), 70.33);
  });

  it("Qwen2.5-7B-Instruct GPTQ-Int4: 154.05 tokens/s at input 1", () => {
    within(tokensPerSecond("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "A100 SXM 80GB", 1024), 154.05);
  });
});

describe("what moves step time", () => {
  it("a bigger batch costs more per step but far less per token (memory-bound decode)", () => {
    const { core } = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"], gpus("RTX 4090D", 1));
    const one = stepSeconds(core.timing, {
      decodeSeqs: 1,
      decodeContextTokens: 1000,
      prefillTokens: 0,
      prefillAttentionPairs: 0,
    });
    const many = stepSeconds(core.timing, {
      decodeSeqs: 32,
      decodeContextTokens: 32_000,
      prefillTokens: 0,
      prefillAttentionPairs: 0,
    });
    expect(many).toBeGreaterThan(one);
    expect(many / 32).toBeLessThan(one / 8);
  });

  it("tensor parallelism over PCIe pays an all-reduce per layer: a TP-4 prefill is not 4× faster than TP-1", () => {
    const tp1 = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"], gpus("RTX 4090D", 1)).core.timing;
    const tp4 = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "-tp", "4"], gpus("RTX 4090D", 4)).core.timing;
    const prefill = { decodeSeqs: 0, decodeContextTokens: 0, prefillTokens: 2048, prefillAttentionPairs: 2048 * 1024 };
    expect(stepSeconds(tp4, prefill)).toBeGreaterThan(stepSeconds(tp1, prefill) / 4);
  });
});
