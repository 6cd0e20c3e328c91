import type { ModelArch, RopeScaling } from "../catalog/types";
import type { Instance } from "../vocabulary/layout-schema";

/** Rope types whose factor does not lengthen the derived context in vLLM (_get_and_verify_max_len). */
const NOT_LENGTHENING = new Set(["llama3", "longrope", "su"]);

export function effectiveRopeScaling(
  instance: Pick<Instance, "ropeScaling">,
  arch: ModelArch,
): RopeScaling | undefined {
  return instance.ropeScaling ?? arch.ropeScaling;
}

/** The longest context the engine accepts without overrides: max_position_embeddings, × factor with rope scaling (YaRN: of the original length). */
export function derivedMaxModelLen(arch: ModelArch, rope: RopeScaling | undefined): number {
  if (!rope || rope.factor <= 1 || NOT_LENGTHENING.has(rope.type)) return arch.maxPositionEmbeddings;
  const base =
    rope.type === "yarn"
      ? (rope.originalMaxPositionEmbeddings ?? arch.maxPositionEmbeddings)
      : arch.maxPositionEmbeddings;
  return Math.floor(base * rope.factor);
}

export interface MaxLenResolution {
  maxModelLen: number;
  derivedMaxModelLen: number;
}

/**
 * max_model_len as the engine will use it, and the derived length it is checked against. A length over the
 * derived one still budgets as asked; saying that it needs rope scaling is lib/layout/rules' (context.needs-rope-scaling).
 */
export function resolveMaxModelLen(instance: Instance, arch: ModelArch): MaxLenResolution {
  const derived = derivedMaxModelLen(arch, effectiveRopeScaling(instance, arch));
  return { maxModelLen: instance.maxModelLen ?? derived, derivedMaxModelLen: derived };
}

/** A length people would type: a multiple of 1,024 when that is at least 1,024, else of the block size. */
export function roundMaxModelLen(tokens: number, blockSize: number): number {
  if (tokens >= 1024) return Math.floor(tokens / 1024) * 1024;
  return Math.floor(tokens / blockSize) * blockSize;
}
