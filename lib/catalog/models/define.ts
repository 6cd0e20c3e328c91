import { parseHfConfig } from "../hf-config";
import { countParams } from "../param-count";
import type { ModelEntry } from "../types";

/**
 * A built-in model as its published config.json says it: the fields below are copied from the
 * Hugging Face file (abridged to what the catalog reads), so they can be checked line by line.
 */
export interface ModelSeed {
  id: string;
  displayName: string;
  config: Record<string, unknown>;
  /** Defaults to the config.json URL of `id` on huggingface.co. */
  source?: string;
  /** Known total (e.g. from the safetensors index); otherwise counted from the config's shapes. */
  paramCount?: number;
  /** `metadata.total_size` of model.safetensors.index.json when known (see `checkpointBytesOf`). */
  checkpointBytes?: number;
}

export function configUrl(repoId: string): string {
  return `https://huggingface.co/${repoId}/blob/main/config.json`;
}

/** Turns a seed into a catalog entry; a seed that does not parse is a bug in the catalog. */
export function defineModel(seed: ModelSeed): ModelEntry {
  const parsed = parseHfConfig(seed.config, seed.id);
  if ("error" in parsed) throw new Error(`catalog entry ${seed.id}: ${parsed.error}`);
  const arch = parsed.arch;
  const paramCount = seed.paramCount ?? countParams(arch).totalParams;
  const checkpointBytes = seed.checkpointBytes ?? derivedCheckpointBytes(seed, paramCount);
  return {
    ...arch,
    displayName: seed.displayName,
    source: seed.source ?? configUrl(seed.id),
    paramCount,
    ...(checkpointBytes !== undefined ? { checkpointBytes } : {}),
  };
}

/**
 * A 16-bit text-only checkpoint stores every parameter in 2 bytes, so its total_size is
 * params × 2 (true of the two indexes checked: Qwen2.5-7B 15,231,233,024 and Llama-3.1-8B
 * 16,060,522,496). Quantized, fp32 and multimodal checkpoints are left undefined, and so are
 * tied ones: some (Qwen3-0.6B/1.7B) still store a separate lm_head tensor.
 */
function derivedCheckpointBytes(seed: ModelSeed, paramCount: number): number | undefined {
  const config = seed.config;
  const dtype = config.torch_dtype ?? config.dtype;
  const sixteenBit = dtype === "bfloat16" || dtype === "float16";
  if (!sixteenBit || config.quantization_config || config.text_config || config.tie_word_embeddings) return undefined;
  return paramCount * 2;
}
