import type { ModelArch } from "../catalog";

export interface RopeOverride {
  type: string;
  factor: number;
  originalMaxPositionEmbeddings?: number;
}

/** A rope_scaling object as vLLM's --rope-scaling or --hf-overrides carries it. */
export function readRopeJson(value: unknown): RopeOverride | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const type = raw.rope_type ?? raw.type;
  if (typeof type !== "string") return undefined;
  const factor = typeof raw.factor === "number" ? raw.factor : 1;
  const original =
    typeof raw.original_max_position_embeddings === "number" ? raw.original_max_position_embeddings : undefined;
  return { type, factor, ...(original !== undefined ? { originalMaxPositionEmbeddings: original } : {}) };
}

/**
 * vLLM's derived max_model_len (ModelConfig.get_and_verify_max_len): max_position_embeddings,
 * times the rope factor unless the rope type already accounts for it (su, longrope, llama3);
 * YaRN multiplies original_max_position_embeddings. `scaled` tells whether Python would hold a float.
 */
export function derivedMaxLen(arch: ModelArch, override?: RopeOverride): { value: number; scaled: boolean } {
  const rope = override ?? arch.ropeScaling;
  let value = arch.maxPositionEmbeddings;
  if (!rope || ["default", "su", "longrope", "llama3", "mrope"].includes(rope.type)) return { value, scaled: false };
  if (rope.type === "yarn" && rope.originalMaxPositionEmbeddings) value = rope.originalMaxPositionEmbeddings;
  return { value: Math.floor(value * rope.factor), scaled: true };
}
