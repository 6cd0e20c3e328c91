import type { Instance } from "../vocabulary/layout-schema";
import { isAtLeast } from "../vocabulary/version";

export type RopeScalingSpec = NonNullable<Instance["ropeScaling"]>;

/**
 * vLLM took `--rope-scaling` away (vllm-project/vllm#28006, merged 2025-11-04); `--hf-overrides`
 * carries the same JSON and works from 0.7 on. We write the old flag for releases before 0.11,
 * the override from 0.11 on (both work in 0.11.0).
 */
export const VLLM_HF_OVERRIDES_FOR_ROPE_SINCE = "0.11.0";

const formatFactor = (factor: number): string => (Number.isInteger(factor) ? factor.toFixed(1) : String(factor));

/** The rope_scaling object as vLLM and transformers read it, e.g. {"rope_type":"yarn","factor":4.0,...}. */
export function ropeScalingJson(rope: RopeScalingSpec): string {
  const parts = [`"rope_type":"${rope.type}"`, `"factor":${formatFactor(rope.factor)}`];
  if (rope.originalMaxPositionEmbeddings !== undefined) {
    parts.push(`"original_max_position_embeddings":${rope.originalMaxPositionEmbeddings}`);
  }
  return `{${parts.join(",")}}`;
}

/** The vLLM flag and value that set rope scaling for this release. */
export function vllmRopeArgs(rope: RopeScalingSpec, engineVersion: string | undefined): [string, string] {
  if (isAtLeast(engineVersion, VLLM_HF_OVERRIDES_FOR_ROPE_SINCE)) {
    return ["--hf-overrides", `{"rope_scaling":${ropeScalingJson(rope)}}`];
  }
  return ["--rope-scaling", ropeScalingJson(rope)];
}

/**
 * TGI's `--rope-scaling` takes only linear|dynamic (launcher/src/main.rs `enum RopeScaling`);
 * YaRN is read from the checkpoint's config.json, so a YaRN spec has no launcher flags.
 */
export function tgiRopeArgs(rope: RopeScalingSpec): string[] {
  if (rope.type === "yarn") return [];
  return ["--rope-scaling", rope.type, "--rope-factor", formatFactor(rope.factor)];
}

/** Reads {"rope_type"|"type", "factor", "original_max_position_embeddings"} into the layout's shape. */
export function ropeFromJson(value: unknown): RopeScalingSpec | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const type = record.rope_type ?? record.type;
  const factor = record.factor;
  if ((type !== "yarn" && type !== "linear" && type !== "dynamic") || typeof factor !== "number") return undefined;
  const original = record.original_max_position_embeddings;
  return typeof original === "number" ? { type, factor, originalMaxPositionEmbeddings: original } : { type, factor };
}
