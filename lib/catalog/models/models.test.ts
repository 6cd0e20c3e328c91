import { describe, expect, it } from "vitest";
import { parseHfConfig } from "../hf-config";
import { countParams } from "../param-count";
import { builtInModels, MODEL_SEEDS } from "./index";

const REQUIRED_IDS = [
  "Qwen/Qwen2.5-0.5B-Instruct",
  "Qwen/Qwen2.5-1.5B-Instruct",
  "Qwen/Qwen2.5-3B-Instruct",
  "Qwen/Qwen2.5-7B-Instruct",
  "Qwen/Qwen2.5-14B-Instruct",
  "Qwen/Qwen2.5-32B-Instruct",
  "Qwen/Qwen2.5-72B-Instruct",
  "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int8",
  "Qwen/Qwen2.5-7B-Instruct-AWQ",
  "Qwen/Qwen2.5-14B-Instruct-AWQ",
  "Qwen/Qwen2.5-14B-Instruct-GPTQ-Int4",
  "Qwen/Qwen2.5-32B-Instruct-AWQ",
  "Qwen/Qwen2.5-32B-Instruct-GPTQ-Int4",
  "Qwen/Qwen2.5-72B-Instruct-AWQ",
  "Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4",
  "Qwen/Qwen3-0.6B",
  "Qwen/Qwen3-32B",
  "Qwen/Qwen3-30B-A3B",
  "Qwen/Qwen3-235B-A22B",
  "Qwen/Qwen3-235B-A22B-FP8",
  "meta-llama/Llama-3.1-8B-Instruct",
  "meta-llama/Llama-3.1-70B-Instruct",
  "meta-llama/Llama-3.1-405B-Instruct",
  "meta-llama/Llama-3.1-405B-Instruct-FP8",
  "RedHatAI/Meta-Llama-3.1-70B-Instruct-quantized.w8a8",
  "meta-llama/Llama-3.2-1B-Instruct",
  "meta-llama/Llama-3.2-3B-Instruct",
  "meta-llama/Llama-3.3-70B-Instruct",
  "mistralai/Mistral-7B-Instruct-v0.3",
  "mistralai/Mixtral-8x7B-Instruct-v0.1",
  "google/gemma-2-2b-it",
  "google/gemma-2-9b-it",
  "google/gemma-2-27b-it",
  "google/gemma-3-4b-it",
  "google/gemma-3-12b-it",
  "google/gemma-3-27b-it",
  "microsoft/Phi-3-mini-4k-instruct",
  "microsoft/Phi-3-medium-4k-instruct",
  "microsoft/phi-4",
  "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
  "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
  "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
  "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
  "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
  "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
  "deepseek-ai/DeepSeek-V3",
];

describe("built-in models", () => {
  const models = builtInModels();

  it("has at least 40 entries, unique ids, and every required one", () => {
    expect(models.length).toBeGreaterThanOrEqual(40);
    expect(new Set(models.map((m) => m.id.toLowerCase())).size).toBe(models.length);
    const ids = new Set(models.map((m) => m.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(MODEL_SEEDS.map((seed) => [seed.id, seed] as const))("%s parses and keeps its invariants", (id, seed) => {
    const parsed = parseHfConfig(seed.config, id);
    if ("error" in parsed) throw new Error(parsed.error);
    const m = models.find((entry) => entry.id === id)!;
    expect(m.source).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/blob\/main\/config\.json$/);
    expect(m.source).toContain(id);
    expect(m.headDim).toBeGreaterThan(0);
    expect(Number.isInteger(m.headDim)).toBe(true);
    expect(m.numKeyValueHeads).toBeLessThanOrEqual(m.numAttentionHeads);
    expect(m.numAttentionHeads % m.numKeyValueHeads).toBe(0);
    expect(m.numLayers).toBeGreaterThan(0);
    expect(m.vocabSize).toBeGreaterThan(1000);
    expect(m.maxPositionEmbeddings).toBeGreaterThanOrEqual(4096);
    if (m.slidingWindowLayers !== undefined) expect(m.slidingWindowLayers).toBeLessThanOrEqual(m.numLayers);
    if (m.moe) expect(m.moe.expertsPerToken).toBeLessThanOrEqual(m.moe.numExperts);
    expect(m.paramCount).toBeGreaterThan(0);
    if (m.checkpointBytes !== undefined) expect(m.checkpointBytes).toBe(m.paramCount! * 2);
  });

  it("anchors Qwen2.5-7B on the measured facts", () => {
    const m = models.find((entry) => entry.id === "Qwen/Qwen2.5-7B-Instruct")!;
    expect(m).toMatchObject({
      numLayers: 28,
      hiddenSize: 3584,
      numAttentionHeads: 28,
      numKeyValueHeads: 4,
      intermediateSize: 18944,
      vocabSize: 152064,
      maxPositionEmbeddings: 32768,
      tieWordEmbeddings: false,
      torchDtype: "bfloat16",
    });
    expect(m.paramCount).toBe(7_615_616_512);
    expect(m.checkpointBytes).toBe(15_231_233_024);
    // KV bytes per token, bf16: 2 × layers × kv heads × head_dim × 2 = 57,344 (calibration/h100-qwen2.5-7b-bf16.json)
    expect(2 * m.numLayers * m.numKeyValueHeads * m.headDim * 2).toBe(57_344);
  });

  it("keeps the GPTQ-Int4 7B's 16-bit embeddings at the measured 1,089,994,752 params", () => {
    const m = models.find((entry) => entry.id === "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4")!;
    expect(m.quantization).toMatchObject({ method: "gptq", bits: 4, groupSize: 128, descAct: false });
    expect(m.quantization?.modulesNotConverted).toEqual(expect.arrayContaining(["embed_tokens", "lm_head"]));
    expect(countParams(m).embeddingParams).toBe(1_089_994_752);
    expect(m.torchDtype).toBe("float16");
  });

  it("has the layer / KV-head counts of every Qwen2.5 size", () => {
    const shape = (id: string) => {
      const m = models.find((entry) => entry.id === id)!;
      return [m.numLayers, m.numKeyValueHeads, m.tieWordEmbeddings];
    };
    expect(shape("Qwen/Qwen2.5-0.5B-Instruct")).toEqual([24, 2, true]);
    expect(shape("Qwen/Qwen2.5-1.5B-Instruct")).toEqual([28, 2, true]);
    expect(shape("Qwen/Qwen2.5-3B-Instruct")).toEqual([36, 2, true]);
    expect(shape("Qwen/Qwen2.5-14B-Instruct")).toEqual([48, 8, false]);
    expect(shape("Qwen/Qwen2.5-32B-Instruct")).toEqual([64, 8, false]);
    expect(shape("Qwen/Qwen2.5-72B-Instruct")).toEqual([80, 8, false]);
  });

  it("knows the KV sizes the reference lists (bf16 KiB per token)", () => {
    const kvKiB = (id: string) => {
      const m = models.find((entry) => entry.id === id)!;
      return (2 * m.numLayers * m.numKeyValueHeads * m.headDim * 2) / 1024;
    };
    expect(kvKiB("Qwen/Qwen2.5-14B-Instruct")).toBe(192);
    expect(kvKiB("Qwen/Qwen2.5-32B-Instruct")).toBe(256);
    expect(kvKiB("Qwen/Qwen2.5-72B-Instruct")).toBe(320);
    expect(kvKiB("Qwen/Qwen3-14B")).toBe(160);
    expect(kvKiB("meta-llama/Llama-3.1-8B-Instruct")).toBe(128);
    expect(kvKiB("meta-llama/Llama-3.1-70B-Instruct")).toBe(320);
    expect(kvKiB("mistralai/Mistral-7B-Instruct-v0.3")).toBe(128);
  });

  it("marks quantized, MoE, MLA and sliding-window entries", () => {
    const byId = (id: string) => models.find((entry) => entry.id === id)!;
    expect(byId("Qwen/Qwen2.5-72B-Instruct-AWQ").intermediateSize).toBe(29696);
    expect(byId("Qwen/Qwen3-235B-A22B-FP8").quantization).toMatchObject({ method: "fp8", weightBlockSize: [128, 128] });
    expect(byId("RedHatAI/Meta-Llama-3.1-70B-Instruct-quantized.w8a8").quantization).toMatchObject({
      method: "compressed-tensors",
      bits: 8,
      activationBits: 8,
    });
    expect(byId("meta-llama/Llama-3.1-405B-Instruct-FP8").quantization).toMatchObject({
      method: "fp8",
      sourceMethod: "fbgemm_fp8",
    });
    expect(byId("deepseek-ai/DeepSeek-V3").mla?.kvLoraRank).toBe(512);
    expect(byId("Qwen/Qwen3-30B-A3B").moe).toMatchObject({ numExperts: 128, expertsPerToken: 8 });
    expect(byId("google/gemma-3-12b-it")).toMatchObject({ slidingWindow: 1024, slidingWindowLayers: 40 });
    expect(byId("google/gemma-2-9b-it")).toMatchObject({ slidingWindow: 4096, slidingWindowLayers: 21 });
    expect(byId("meta-llama/Llama-3.1-8B-Instruct").ropeScaling).toEqual({
      type: "llama3",
      factor: 8,
      originalMaxPositionEmbeddings: 8192,
    });
  });
});
