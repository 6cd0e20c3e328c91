import type { ModelArch } from "../../catalog/types";
import type { Instance, InstanceInput, Layout, LayoutInput } from "../../vocabulary/layout-schema";
import { instanceSchema, layoutSchema } from "../../vocabulary/layout-schema";
import type { ModelLookup } from "../../catalog/quantized-sibling";

/** Qwen2.5-7B-Instruct and its quantized siblings, as the catalog would give them (shared with lib/budget's tests). */
export {
  QWEN25_7B as QWEN_7B,
  QWEN25_7B_AWQ as QWEN_7B_AWQ,
  QWEN25_7B_GPTQ_INT4 as QWEN_7B_GPTQ,
} from "../../budget/testing/model-fixtures";
import {
  QWEN25_7B as QWEN_7B,
  QWEN25_7B_AWQ as QWEN_7B_AWQ,
  QWEN25_7B_GPTQ_INT4 as QWEN_7B_GPTQ,
} from "../../budget/testing/model-fixtures";

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
