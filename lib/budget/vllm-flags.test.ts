import { describe, expect, it } from "vitest";
import { A100_80GB, H100_80GB, T4_16GB, TESLA_P40_24GB } from "./testing/gpu-fixtures";
import { LLAMA31_8B, QWEN25_7B } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { budgetVllm } from "./vllm";
import { GIB } from "../vocabulary/units";
import type { InstanceInput } from "../vocabulary/layout-schema";

const qwen = (input: Partial<InstanceInput> = {}, gpu = H100_80GB) =>
  budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion: "0.11.0", ...input }), QWEN25_7B, gpu);

describe("vLLM flags that change memory", () => {
  it("--pipeline-parallel-size: each stage holds its layers (and one end of the vocabulary) and their KV", () => {
    const one = qwen();
    const two = qwen({ vllm: { pipelineParallelSize: 2 } });
    expect(two.kvBytesPerTokenPerGpu).toBe(one.kvBytesPerTokenPerGpu / 2);
    expect(two.weightsBytesPerGpu).toBeLessThan(0.6 * one.weightsBytesPerGpu);
    expect(two.weightsBytesPerGpu).toBeGreaterThan(0.45 * one.weightsBytesPerGpu);
    expect(two.settings).toMatchObject({ tp: 1, pp: 2 });
  });

  it("--block-size rounds the pool to its blocks; --num-gpu-blocks-override replaces the count", () => {
    const b = qwen({ vllm: { blockSize: 128 } });
    expect(b.kvCacheTokens % 128).toBe(0);
    expect(b.settings?.blockSizeTokens).toBe(128);
    const fixed = qwen({ vllm: { numGpuBlocksOverride: 1000 } });
    expect(fixed.kvCacheTokens).toBe(16_000);
  });

  it("--num-gpu-blocks-override below max_model_len: V0 stops at start-up, V1 starts and warns", () => {
    const input = { maxModelLen: 32_768, vllm: { numGpuBlocksOverride: 1000 } };
    const v0 = qwen({ ...input, engineVersion: "0.6.6" });
    expect(v0.fits).toBe(false);
    expect(v0.findings.map((f) => f.code)).toContain("budget.max-model-len-does-not-fit");
    const v1 = qwen(input);
    expect(v1.fits).toBe(true);
    expect(v1.kvCacheTokens).toBe(16_000);
    expect(v1.findings.map((f) => f.code)).toContain("budget.blocks-override-below-max-model-len");
  });

  it("--kv-cache-memory-bytes sizes the KV cache instead of gpu_memory_utilization", () => {
    const b = qwen({ vllm: { kvCacheMemoryBytes: 8 * GIB } });
    expect(b.kvCacheBytesPerGpu).toBeLessThanOrEqual(8 * GIB);
    expect(b.kvCacheBytesPerGpu).toBeGreaterThan(8 * GIB - 16 * b.kvBytesPerTokenPerGpu);
    expect(b.terms.find((t) => t.name === "kvCache")?.explanation).toContain("--kv-cache-memory-bytes");
  });

  it("--cpu-offload-gb moves weights to host RAM: less on the GPU, more in the host plan", () => {
    const plain = qwen();
    const offloaded = qwen({ vllm: { cpuOffloadBytes: 4 * GIB } });
    expect(plain.weightsBytesPerGpu - offloaded.weightsBytesPerGpu).toBe(4 * GIB);
    expect(offloaded.kvCacheBytesPerGpu).toBeGreaterThan(plain.kvCacheBytesPerGpu);
    expect(offloaded.host.ramBytes - plain.host.ramBytes).toBe(4 * GIB);
  });

  it("--enable-lora adds max_loras slots of rank r to every linear, in the weights", () => {
    const plain = qwen();
    const lora = qwen({ vllm: { lora: { maxLoras: 4, maxLoraRank: 16 } } });
    const slots = lora.weightsBytesPerGpu - plain.weightsBytesPerGpu;
    // Per layer: A (in × 16) and B (16 × out) of qkv 3584→4608, o 3584→3584, gate_up 3584→37888, down 18944→3584.
    const perLayer = 16 * (3584 + 4608 + 3584 + 3584 + 3584 + 37888 + 18944 + 3584);
    expect(slots).toBe(28 * 4 * perLayer * 2);
  });

  it("--speculative-config: n-gram costs nothing, EAGLE adds a layer of weights and KV, a draft model its own", () => {
    const plain = qwen();
    const ngram = qwen({ vllm: { speculative: { method: "ngram", numSpeculativeTokens: 4 } } });
    expect(ngram.kvBytesPerTokenPerGpu).toBe(plain.kvBytesPerTokenPerGpu);
    const eagle = qwen({ vllm: { speculative: { method: "eagle", numSpeculativeTokens: 4 } } });
    expect(eagle.kvBytesPerTokenPerGpu).toBe((plain.kvBytesPerTokenPerGpu / 28) * 29);
    expect(eagle.weightsBytesPerGpu).toBeGreaterThan(plain.weightsBytesPerGpu);
    const draft = budgetVllm(
      makeInstance({
        model: LLAMA31_8B.id,
        engineVersion: "0.11.0",
        vllm: { speculative: { numSpeculativeTokens: 5 } },
      }),
      { ...LLAMA31_8B, draft: QWEN25_7B },
      A100_80GB,
    );
    expect(draft.kvBytesPerTokenPerGpu).toBe(131_072 + 57_344);
  });

  it("VLLM_USE_V1=0 on 0.8 budgets the V0 engine", () => {
    expect(qwen({ engineVersion: "0.8.4", vllm: { useV1: false } }).settings?.profile).toBe("v0-0.6.5");
  });

  it("budgets V0 where 0.8–0.10.1 fall back to it below compute capability 8.0, and V1 from 0.10.2", () => {
    const onT4 = (engineVersion: string) =>
      budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion }), QWEN25_7B, T4_16GB);
    const old = onT4("0.9.2");
    expect(old.settings?.profile).toBe("v0-0.6.5");
    expect(old.findings.map((f) => f.code)).toContain("budget.v1-falls-back-to-v0");
    expect(onT4("0.10.2").settings?.profile).toBe("v1-0.10");
    expect(qwen({ engineVersion: "0.9.2" }).settings?.profile).toBe("v1-0.9");
  });

  it("refuses a card below compute capability 7.0, where vLLM has no kernel image", () => {
    const on = (gpu: typeof TESLA_P40_24GB) =>
      budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion: "0.6.3", maxModelLen: 4096 }), QWEN25_7B, gpu);
    const { computeCapability: _old, ...unknownGeneration } = TESLA_P40_24GB;
    expect(on(unknownGeneration).fits).toBe(true);
    const b = on(TESLA_P40_24GB);
    expect(b.fits).toBe(false);
    expect(b.findings.find((f) => f.code === "budget.gpu-too-old")?.message).toContain("compute capability 7");
  });
});
