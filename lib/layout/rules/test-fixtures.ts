import type { ModelArch, QuantizationConfig } from "../../catalog/types";
import type { Instance, InstanceInput, Layout, LayoutInput } from "../schema";
import { instanceSchema, layoutSchema } from "../schema";
import type { ModelLookup } from "./quantized-sibling";

/** Qwen2.5-7B-Instruct's config.json, as the catalog would give it. */
export const QWEN_7B: ModelArch = {
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

const gptq4: QuantizationConfig = { method: "gptq", bits: 4, groupSize: 128 };
const awq4: QuantizationConfig = { method: "awq", bits: 4, groupSize: 128 };

export const QWEN_7B_GPTQ: ModelArch = { ...QWEN_7B, id: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", torchDtype: "float16", quantization: gptq4 };
export const QWEN_7B_AWQ: ModelArch = { ...QWEN_7B, id: "Qwen/Qwen2.5-7B-Instruct-AWQ", torchDtype: "float16", quantization: awq4 };

const MODELS = [QWEN_7B, QWEN_7B_GPTQ, QWEN_7B_AWQ];

export const TEST_LOOKUP: ModelLookup = { findModel: (id) => MODELS.find((m) => m.id === id) };

export const archOf = (model: string): ModelArch | undefined => MODELS.find((m) => m.id === model);

export const makeInstance = (input: Partial<InstanceInput> = {}): Instance =>
  instanceSchema.parse({ id: "qwen", engine: "vllm", model: QWEN_7B.id, ...input });

export const makeLayout = (input: Partial<LayoutInput>): Layout =>
  layoutSchema.parse({
    name: "test",
    hosts: [
      {
        id: "gpu-box",
        name: "4×4090D",
        ramBytes: 64 * 2 ** 30,
        cpuCores: 16,
        gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d", memoryBytes: 24 * 2 ** 30 })),
      },
    ],
    instances: [],
    ...input,
  });
