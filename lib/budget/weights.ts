import type { ModelArch } from "../catalog/types";
import { paramGroups, sumParams, totalParams, wholeVisionAttention, type ParamGroup, type ParamKind } from "./params";
import type { WeightFormat } from "./quantization";
import { gib, roundUpTo } from "./units";

export interface WeightsEstimate {
  /** Parameters of the whole checkpoint (unsharded, unpadded). */
  totalParams: number;
  /** Parameters one rank holds (vocabulary padded, KV heads replicated where TP exceeds them). */
  paramsPerGpu: number;
  /** Parameters per rank that stay 16 bit under quantization. */
  plainParamsPerGpu: number;
  weightsBytesPerGpu: number;
  explanation: string;
}

export interface WeightsOptions {
  tp: number;
  /** 64 for vLLM (VocabParallelEmbedding pads the vocabulary before splitting it), 1 for TGI. */
  vocabPadding: number;
  format: WeightFormat;
  /**
   * Pipeline stages: each holds ceil(layers / pp) layers; the first holds the embedding, the last the lm_head (a tied
   * one too). The budget is the heaviest stage's.
   */
  pp?: number;
}

const LAYER_KINDS = new Set<ParamKind>(["attention", "bias", "mlp", "experts", "sharedExperts", "router", "norm"]);

/** Parameter groups of the heaviest pipeline stage. */
function stageGroups(arch: ModelArch, groups: ParamGroup[], pp: number): ParamGroup[] {
  if (pp <= 1) return groups;
  const share = Math.ceil(arch.numLayers / pp) / arch.numLayers;
  const embedding = groups.find((g) => g.kind === "embedding");
  const lmHead = groups.find((g) => g.kind === "lmHead") ?? embedding;
  // The first stage also holds the vision tower, whose output it embeds.
  const vision = groups.filter((g) => g.kind === "vision");
  const first = [embedding, ...vision].filter((g): g is ParamGroup => g !== undefined);
  const last = lmHead ? [lmHead] : [];
  const heaviestEnd = sumParams(first) >= sumParams(last) ? first : last;
  return [
    ...groups.filter((g) => LAYER_KINDS.has(g.kind)).map((g) => ({ ...g, params: Math.ceil(g.params * share) })),
    ...heaviestEnd,
  ];
}

const KEEP_PLAIN_KINDS: Record<string, ParamKind[]> = {
  self_attn: ["attention"],
  attn: ["attention"],
  attention: ["attention"],
  mlp: ["mlp", "experts", "sharedExperts"],
  experts: ["experts"],
  shared_expert: ["sharedExperts"],
};

export function estimateWeights(arch: ModelArch, options: WeightsOptions): WeightsEstimate {
  const groups = stageGroups(
    arch,
    paramGroups(arch, { tp: options.tp, vocabPadding: options.vocabPadding }),
    options.pp ?? 1,
  );
  const keptKinds = new Set(options.format.keepPlain.flatMap((fragment) => KEEP_PLAIN_KINDS[fragment] ?? []));
  const isConverted = (g: ParamGroup) => g.quantizable && !keptKinds.has(g.kind);
  let bytes = 0;
  let plainParams = 0;
  const padding = expertPaddingFactor(arch, options);
  for (const g of groups) {
    if (isConverted(g) && g.kind === "experts") bytes += g.params * padding * options.format.bytesPerQuantizedParam;
    else if (isConverted(g)) bytes += g.params * options.format.bytesPerQuantizedParam;
    else {
      bytes += g.params * options.format.bytesPerPlainParam;
      plainParams += g.params;
    }
  }
  const weightsBytesPerGpu = Math.ceil(bytes);
  const total = totalParams(arch);
  const quantized = options.format.bytesPerQuantizedParam !== options.format.bytesPerPlainParam;
  const plainBits = options.format.bytesPerPlainParam * 8;
  const plainWidth = plainBits === 16 ? "stay 16 bit" : `take ${Number(plainBits.toFixed(2))} bits each`;
  const plainNote = quantized
    ? ` (${billions(plainParams)} of them — embeddings, lm_head, norms${arch.vision ? ", the vision tower" : ""} — ${plainWidth})`
    : "";
  const wholeAttention = arch.vision ? wholeVisionAttention(arch.vision, options.tp) : 0;
  const visionNote = arch.vision
    ? `, the vision tower's ${billions(arch.vision.params)} included${wholeAttention ? ` (its attention, ${billions(wholeAttention)}, whole on every GPU: ${arch.vision.wholeAttentionUnlessDivisible!.heads} heads do not divide by TP ${options.tp})` : ""}`
    : "";
  const pp = options.pp ?? 1;
  const split =
    options.tp > 1 || pp > 1
      ? `, split over ${options.tp * pp} GPUs${pp > 1 ? ` (TP ${options.tp} × PP ${pp})` : ""}`
      : "";
  return {
    totalParams: total,
    paramsPerGpu: sumParams(groups),
    plainParamsPerGpu: plainParams,
    weightsBytesPerGpu,
    explanation: `Weights: ${billions(total)} params as ${options.format.label}${visionNote}${split} → ${gib(weightsBytesPerGpu)} per GPU${plainNote}`,
  };
}

/** How much larger the kernel's padded expert weights are than the checkpoint's (MXFP4 under Marlin). */
function expertPaddingFactor(arch: ModelArch, options: WeightsOptions): number {
  const pad = options.format.expertPadding;
  if (!pad || !arch.moe) return 1;
  const width = Math.ceil(arch.moe.moeIntermediateSize / options.tp);
  const h = arch.hiddenSize;
  return (roundUpTo(width, pad[0]) / width) * (roundUpTo(h, pad[1]) / h);
}

const billions = (n: number): string => `${(n / 1e9).toFixed(2)} B`;
