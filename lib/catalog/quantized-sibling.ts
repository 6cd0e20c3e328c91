import type { QuantizationConfig, QuantMethod } from "./types";

/** What the rules need from the catalog: a model by id, with its checkpoint's quantization. */
export interface ModelLookup {
  findModel(id: string): { id: string; quantization?: QuantizationConfig } | undefined;
}

const QUANT_SUFFIX = /-(GPTQ|AWQ|FP8|GGUF|EXL2|BNB|Int4|Int8|4bit|8bit)([-_].*)?$/i;

/** "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" → "Qwen/Qwen2.5-7B-Instruct". */
export const baseModelId = (model: string): string => model.replace(QUANT_SUFFIX, "");

/** The names publishers give quantized checkpoints (Qwen: -GPTQ-Int4 / -AWQ; others: -GPTQ, -FP8). */
const SIBLING_SUFFIXES: Partial<Record<QuantMethod, string[]>> = {
  gptq: ["-GPTQ-Int4", "-GPTQ-Int8", "-GPTQ"],
  awq: ["-AWQ", "-AWQ-INT4"],
  fp8: ["-FP8", "-FP8-Dynamic"],
  "compressed-tensors": ["-W4A16", "-W8A8", "-FP8-Dynamic"],
  exl2: ["-exl2"],
};

/** A checkpoint of the same model quantized with `method`, when the catalog knows one. */
export function findQuantizedSibling(
  model: string,
  method: QuantMethod,
  lookup: ModelLookup | undefined,
): string | undefined {
  if (!lookup) return undefined;
  const base = baseModelId(model);
  for (const suffix of SIBLING_SUFFIXES[method] ?? []) {
    const entry = lookup.findModel(`${base}${suffix}`);
    if (entry?.quantization?.method === method) return entry.id;
  }
  return undefined;
}

/** The quantization a checkpoint declares, from the catalog or, failing that, from its name. */
export function checkpointQuantization(model: string, lookup: ModelLookup | undefined): QuantMethod | undefined {
  const entry = lookup?.findModel(model);
  if (entry) return entry.quantization?.method;
  if (/gptq/i.test(model)) return "gptq";
  if (/awq/i.test(model)) return "awq";
  return undefined;
}
