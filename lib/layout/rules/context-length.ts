import type { ModelArch } from "../../catalog/types";
import { ropeScalingJson, tgiRopeArgs, vllmRopeArgs } from "../../engines/rope";
import { shellJoin } from "../../engines/shell-quote";
import type { Finding, FindingFix } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { contextFieldOf, contextLengthOf, contextLengthPatch, nameOf, withFixes } from "./describe";

const SCALING_TYPES = new Set(["yarn", "linear", "dynamic"]);

/** The longest context the model supports with the rope scaling in force (instance's, else checkpoint's). */
export function supportedContextLength(instance: Instance, arch: ModelArch): number {
  const rope = instance.ropeScaling ?? arch.ropeScaling;
  if (!rope || !SCALING_TYPES.has(rope.type)) return arch.maxPositionEmbeddings;
  const original = rope.originalMaxPositionEmbeddings ?? arch.maxPositionEmbeddings;
  return Math.max(arch.maxPositionEmbeddings, Math.floor(original * rope.factor));
}

/** The YaRN factor that reaches `length`: the ratio rounded up to a power of two. */
export const yarnFactorFor = (length: number, original: number): number =>
  2 ** Math.ceil(Math.log2(Math.max(1, length / original)));

/** Past this, a rope-scaling factor is not a fix people should be offered: the patch lowers the length instead. */
export const MAX_SUGGESTED_ROPE_FACTOR = 8;

/**
 * A context length above max_position_embeddings needs rope scaling, or the model reads garbage past it.
 * The only owner of this check: the budget still budgets such a length as asked.
 */
export function checkContextLength(instance: Instance, arch: ModelArch): Finding[] {
  const length = contextLengthOf(instance);
  if (length === undefined) return [];
  const supported = supportedContextLength(instance, arch);
  if (length <= supported) return [];

  const original =
    instance.ropeScaling?.originalMaxPositionEmbeddings ??
    arch.ropeScaling?.originalMaxPositionEmbeddings ??
    arch.maxPositionEmbeddings;
  const factor = yarnFactorFor(length, original);
  const field = contextFieldOf(instance);
  const had = instance.ropeScaling
    ? ` rope scaling ×${instance.ropeScaling.factor} reaches only ${supported}, and`
    : "";
  const base = `${nameOf(instance)}: ${field} ${length} is above what the model was trained for:${had} max_position_embeddings is ${arch.maxPositionEmbeddings}`;

  const tooFar = factor > MAX_SUGGESTED_ROPE_FACTOR;
  if (instance.engine === "vllm") {
    const rope = { type: "yarn" as const, factor, originalMaxPositionEmbeddings: original };
    return [
      {
        code: "context.needs-rope-scaling",
        severity: "error",
        instanceId: instance.id,
        field: "maxModelLen",
        message: `${base}. vLLM stops with "User-specified max_model_len (${length}) is greater than the derived max_model_len (max_position_embeddings=${supported} or model_max_length=None in model's config.json)".`,
        fix: tooFar
          ? `Lower max_model_len to ${supported}: reaching ${length} would take rope scaling ×${factor}, beyond the ×${MAX_SUGGESTED_ROPE_FACTOR} models are tuned for.`
          : `Enable YaRN ×${factor} (${length} / ${original}, rounded up to a power of two): ${shellJoin(vllmRopeArgs(rope, instance.engineVersion))} --max-model-len ${length}${instance.engineVersion ? "" : ` (vLLM 0.11+; before 0.11 use --rope-scaling '${ropeScalingJson(rope)}')`}. Or lower max_model_len to ${supported}.`,
        ...contextFixes(instance, supported, tooFar, { label: `Enable YaRN ×${factor}`, patch: { ropeScaling: rope } }),
      },
    ];
  }
  const rope = { type: "dynamic" as const, factor, originalMaxPositionEmbeddings: original };
  return [
    {
      code: "context.needs-rope-scaling",
      severity: "error",
      instanceId: instance.id,
      field: "tgi.maxTotalTokens",
      message: `${base}. Positions past it were never trained, and TGI's launcher does not check: long requests degrade silently.`,
      fix: tooFar
        ? `Lower --max-total-tokens to ${supported}: reaching ${length} would take rope scaling ×${factor}, beyond the ×${MAX_SUGGESTED_ROPE_FACTOR} models are tuned for.`
        : `Scale RoPE ×${factor} (${length} / ${original}, rounded up to a power of two): ${shellJoin(tgiRopeArgs(rope))}. TGI's launcher knows only linear and dynamic; for YaRN put "rope_scaling": ${ropeScalingJson({ ...rope, type: "yarn" })} in the checkpoint's config.json instead. Or lower --max-total-tokens to ${supported}.`,
      ...contextFixes(instance, supported, tooFar, {
        label: `Scale RoPE ×${factor} (dynamic)`,
        patch: { ropeScaling: rope },
      }),
    },
  ];
}

/** Rope scaling to reach the asked length (unless the factor is too far), or the length lowered to what the model supports. */
function contextFixes(instance: Instance, supported: number, tooFar: boolean, scale: FindingFix) {
  const lower = {
    label: `Lower ${contextFieldOf(instance)} to ${supported}`,
    patch: contextLengthPatch(instance, supported),
  };
  return withFixes(tooFar ? [lower] : [scale, lower]);
}
