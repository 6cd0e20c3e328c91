import type { ModelArch } from "../catalog/types";
import { paramGroups, sumParams, totalParams, type ParamGroup, type ParamKind } from "./params";
import type { WeightFormat } from "./quantization";
import { gib } from "./units";

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
  const groups = paramGroups(arch, { tp: options.tp, vocabPadding: options.vocabPadding });
  const keptKinds = new Set(options.format.keepPlain.flatMap((fragment) => KEEP_PLAIN_KINDS[fragment] ?? []));
  const isConverted = (g: ParamGroup) => g.quantizable && !keptKinds.has(g.kind);
  let bytes = 0;
  let plainParams = 0;
  for (const g of groups) {
    if (isConverted(g)) bytes += g.params * options.format.bytesPerQuantizedParam;
    else {
      bytes += g.params * options.format.bytesPerPlainParam;
      plainParams += g.params;
    }
  }
  const weightsBytesPerGpu = Math.ceil(bytes);
  const total = totalParams(arch);
  const quantized = options.format.bytesPerQuantizedParam !== options.format.bytesPerPlainParam;
  const plainNote = quantized ? ` (${billions(plainParams)} of them — embeddings, lm_head, norms — stay 16 bit)` : "";
  const split = options.tp > 1 ? `, split over ${options.tp} GPUs` : "";
  return {
    totalParams: total,
    paramsPerGpu: sumParams(groups),
    plainParamsPerGpu: plainParams,
    weightsBytesPerGpu,
    explanation: `Weights: ${billions(total)} params as ${options.format.label}${split} → ${gib(weightsBytesPerGpu)} per GPU${plainNote}`,
  };
}

const billions = (n: number): string => `${(n / 1e9).toFixed(2)} B`;
