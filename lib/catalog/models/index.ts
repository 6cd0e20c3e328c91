import type { ModelEntry } from "../types";
import { DEEPSEEK_MODELS } from "./deepseek";
import { defineModel, type ModelSeed } from "./define";
import { GEMMA_MODELS } from "./gemma";
import { LLAMA_MODELS } from "./llama";
import { MISTRAL_MODELS } from "./mistral";
import { PHI_MODELS } from "./phi";
import { QWEN25_MODELS } from "./qwen25";
import { QWEN3_MODELS } from "./qwen3";

export const MODEL_SEEDS: readonly ModelSeed[] = [
  ...QWEN25_MODELS,
  ...QWEN3_MODELS,
  ...LLAMA_MODELS,
  ...MISTRAL_MODELS,
  ...GEMMA_MODELS,
  ...PHI_MODELS,
  ...DEEPSEEK_MODELS,
];

let entries: readonly ModelEntry[] | undefined;

/** The built-in models, parsed on first use (nothing runs at import time). */
export function builtInModels(): readonly ModelEntry[] {
  entries ??= MODEL_SEEDS.map(defineModel);
  return entries;
}
