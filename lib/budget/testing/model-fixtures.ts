import type { ModelArch } from "../../catalog/types";

/**
 * Architectures from the models' config.json, for tests and calibration, so lib/budget does not depend on the
 * catalog's contents. Only the fields the budget reads.
 */
export const QWEN25_7B: ModelArch = {
  id: "Qwen/Qwen2.5-7B-Instruct",
  architecture: "Qwen2ForCausalLM",
  modelType: "qwen2",
  numLayers: 28,
  hiddenSize: 3584,
  numAttentionHeads: 28,
  numKeyValueHeads: 4,
  headDim: 128,
  intermediateSize: 18944,
  vocabSize: 152064,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 32768,
  torchDtype: "bfloat16",
};

export const QWEN25_7B_GPTQ_INT4: ModelArch = {
  ...QWEN25_7B,
  id: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  torchDtype: "float16",
  quantization: { method: "gptq", bits: 4, groupSize: 128 },
};

export const QWEN25_7B_AWQ: ModelArch = {
  ...QWEN25_7B,
  id: "Qwen/Qwen2.5-7B-Instruct-AWQ",
  torchDtype: "float16",
  quantization: { method: "awq", bits: 4, groupSize: 128 },
};

export const LLAMA3_8B: ModelArch = {
  id: "meta-llama/Meta-Llama-3-8B",
  architecture: "LlamaForCausalLM",
  modelType: "llama",
  numLayers: 32,
  hiddenSize: 4096,
  numAttentionHeads: 32,
  numKeyValueHeads: 8,
  headDim: 128,
  intermediateSize: 14336,
  vocabSize: 128256,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 8192,
  torchDtype: "bfloat16",
};

export const LLAMA31_8B: ModelArch = {
  ...LLAMA3_8B,
  id: "meta-llama/Llama-3.1-8B-Instruct",
  maxPositionEmbeddings: 131072,
  ropeScaling: { type: "llama3", factor: 8, originalMaxPositionEmbeddings: 8192 },
};

export const LLAMA2_7B: ModelArch = {
  id: "meta-llama/Llama-2-7b-hf",
  architecture: "LlamaForCausalLM",
  modelType: "llama",
  numLayers: 32,
  hiddenSize: 4096,
  numAttentionHeads: 32,
  numKeyValueHeads: 32,
  headDim: 128,
  intermediateSize: 11008,
  vocabSize: 32000,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 4096,
  torchDtype: "float16",
};

export const QWEN3_14B: ModelArch = {
  id: "Qwen/Qwen3-14B",
  architecture: "Qwen3ForCausalLM",
  modelType: "qwen3",
  numLayers: 40,
  hiddenSize: 5120,
  numAttentionHeads: 40,
  numKeyValueHeads: 8,
  headDim: 128,
  intermediateSize: 17408,
  vocabSize: 151936,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 40960,
  torchDtype: "bfloat16",
};

export const QWEN3_235B_FP8: ModelArch = {
  id: "Qwen/Qwen3-235B-A22B-FP8",
  architecture: "Qwen3MoeForCausalLM",
  modelType: "qwen3_moe",
  numLayers: 94,
  hiddenSize: 4096,
  numAttentionHeads: 64,
  numKeyValueHeads: 4,
  headDim: 128,
  intermediateSize: 12288,
  vocabSize: 151936,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 40960,
  torchDtype: "bfloat16",
  moe: { numExperts: 128, expertsPerToken: 8, sharedExperts: 0, moeIntermediateSize: 1536 },
  quantization: { method: "fp8", bits: 8, weightBlockSize: [128, 128] },
};

/** Meta's FP8 release quantizes the MLPs only (fbgemm_fp8, attention and lm_head stay bf16). */
export const LLAMA31_405B_FP8: ModelArch = {
  id: "meta-llama/Llama-3.1-405B-Instruct-FP8",
  architecture: "LlamaForCausalLM",
  modelType: "llama",
  numLayers: 126,
  hiddenSize: 16384,
  numAttentionHeads: 128,
  numKeyValueHeads: 8,
  headDim: 128,
  intermediateSize: 53248,
  vocabSize: 128256,
  tieWordEmbeddings: false,
  maxPositionEmbeddings: 131072,
  ropeScaling: { type: "llama3", factor: 8, originalMaxPositionEmbeddings: 8192 },
  torchDtype: "bfloat16",
  quantization: { method: "fp8", bits: 8, modulesNotConverted: ["self_attn", "lm_head"], sourceMethod: "fbgemm_fp8" },
};
