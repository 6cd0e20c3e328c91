import type { Engine } from "../vocabulary/layout-schema";
import { checkpointQuantization, findQuantizedSibling } from "../catalog/quantized-sibling";
import { ENGINE_LABEL } from "./flag-table";
import { requiredCheckpointMethod } from "./quant-values";
import type { FlagContext } from "./validate-flags";

/** " (with a GPTQ checkpoint such as …)" when the quantization needs a checkpoint the model is not. */
export function quantCheckpointHint(
  engine: Engine,
  flag: string | undefined,
  value: string,
  context: FlagContext,
): string {
  if ((flag !== "--quantize" && flag !== "--quantization") || !value || !context.model) return "";
  const needed = requiredCheckpointMethod(value);
  if (!needed) return "";
  const current = checkpointQuantization(context.model, context.lookup);
  if (current === needed)
    return ` (${context.model} is a ${needed.toUpperCase()} checkpoint; ${ENGINE_LABEL[engine]} also reads the method from its config)`;
  const sibling = findQuantizedSibling(context.model, needed, context.lookup);
  return sibling
    ? ` (with a ${needed.toUpperCase()} checkpoint such as ${sibling})`
    : ` (with a ${needed.toUpperCase()}-quantized checkpoint of ${context.model}; ${context.model} itself is not one)`;
}

export function siblingPatch(value: string, context: FlagContext): { model?: string } {
  const needed = requiredCheckpointMethod(value);
  if (!needed || !context.model) return {};
  if (checkpointQuantization(context.model, context.lookup) === needed) return {};
  const sibling = findQuantizedSibling(context.model, needed, context.lookup);
  return sibling ? { model: sibling } : {};
}
