import { parseHfConfig } from "./hf-config";
import { findModel, searchModels } from "./model-search";
import type { ModelArch, ModelEntry } from "./types";

export type ResolveModelResult =
  | { arch: ModelArch; entry?: ModelEntry; origin: "catalog" | "config"; warnings: string[] }
  | { error: string };

/**
 * The architecture of an instance's model: a pasted config.json wins (the operator gave it on
 * purpose, e.g. for a fine-tune under a catalog name); otherwise the catalog entry.
 */
export function resolveModelArch(model: string, modelConfig?: Record<string, unknown>): ResolveModelResult {
  const id = model.trim();
  if (modelConfig !== undefined) {
    const parsed = parseHfConfig(modelConfig, id || "the pasted model");
    if ("error" in parsed) return parsed;
    return { arch: parsed.arch, origin: "config", warnings: parsed.warnings };
  }
  if (!id) return { error: "model is empty: enter a Hugging Face repo id such as Qwen/Qwen2.5-7B-Instruct" };
  const entry = findModel(id);
  if (entry) return { arch: entry, entry, origin: "catalog", warnings: [] };
  const close = searchModels(id, 3).map((m) => m.id);
  const hint = close.length > 0 ? ` Close catalog names: ${close.join(", ")}.` : "";
  return {
    error: `"${id}" is not in the built-in catalog: paste the model's config.json, or import it from the Hugging Face Hub.${hint}`,
  };
}
