import type { ModelArch, RopeScaling } from "../catalog/types";
import type { Finding } from "../layout/findings";
import type { Instance } from "../layout/schema";
import { count } from "./units";

/** Rope types whose factor does not lengthen the derived context in vLLM (_get_and_verify_max_len). */
const NOT_LENGTHENING = new Set(["llama3", "longrope", "su"]);

export function effectiveRopeScaling(instance: Pick<Instance, "ropeScaling">, arch: ModelArch): RopeScaling | undefined {
  return instance.ropeScaling ?? arch.ropeScaling;
}

/** The longest context the engine accepts without overrides: max_position_embeddings, × factor with rope scaling (YaRN: of the original length). */
export function derivedMaxModelLen(arch: ModelArch, rope: RopeScaling | undefined): number {
  if (!rope || rope.factor <= 1 || NOT_LENGTHENING.has(rope.type)) return arch.maxPositionEmbeddings;
  const base = rope.type === "yarn" ? (rope.originalMaxPositionEmbeddings ?? arch.maxPositionEmbeddings) : arch.maxPositionEmbeddings;
  return Math.floor(base * rope.factor);
}

export interface MaxLenResolution {
  maxModelLen: number;
  derivedMaxModelLen: number;
  findings: Finding[];
}

/** max_model_len as the engine will use it; asking for more than the derived length is refused at start-up. */
export function resolveMaxModelLen(instance: Instance, arch: ModelArch): MaxLenResolution {
  const rope = effectiveRopeScaling(instance, arch);
  const derived = derivedMaxModelLen(arch, rope);
  const requested = instance.maxModelLen;
  if (requested === undefined || requested <= derived) return { maxModelLen: requested ?? derived, derivedMaxModelLen: derived, findings: [] };
  const factor = nextPowerOfTwo(requested / arch.maxPositionEmbeddings);
  const yarnFits = !rope && factor <= 8;
  return {
    maxModelLen: requested,
    derivedMaxModelLen: derived,
    findings: [
      {
        code: "budget.max-model-len-over-derived",
        severity: "error",
        field: "maxModelLen",
        message: `${instance.engine === "vllm" ? "max_model_len" : "max_total_tokens"} ${count(requested)} is longer than ${arch.id} supports (${count(derived)} = max_position_embeddings${rope ? ` × ${rope.type} factor ${rope.factor}` : ""}); ${instance.engine === "vllm" ? `vLLM stops with "User-specified max_model_len (${requested}) is greater than the derived max_model_len".` : "TGI refuses max_total_tokens beyond the model's positions or produces garbage past them."}`,
        fix: yarnFits
          ? `enable YaRN rope scaling (factor ${factor}, original_max_position_embeddings ${arch.maxPositionEmbeddings}) to reach ${count(arch.maxPositionEmbeddings * factor)} tokens, or lower max_model_len to ${count(derived)}.`
          : `lower max_model_len to ${count(derived)}.`,
        patch: yarnFits ? { ropeScaling: { type: "yarn", factor, originalMaxPositionEmbeddings: arch.maxPositionEmbeddings } } : { maxModelLen: derived },
      },
    ],
  };
}

const nextPowerOfTwo = (x: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, x)));

/** A length people would type: a multiple of 1,024 when that is at least 1,024, else of the block size. */
export function roundMaxModelLen(tokens: number, blockSize: number): number {
  if (tokens >= 1024) return Math.floor(tokens / 1024) * 1024;
  return Math.floor(tokens / blockSize) * blockSize;
}
