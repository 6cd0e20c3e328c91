import type { ModelArch } from "./types";

export interface ParamCounts {
  /** Every parameter of the checkpoint's architecture (MTP/draft layers excluded). */
  totalParams: number;
  /** Input embedding plus lm_head (once when tied): the part GPTQ/AWQ keep in 16 bit. */
  embeddingParams: number;
  /** Parameters one token passes through (MoE: routed experts per token plus shared ones). */
  activeParams: number;
}

/**
 * Counts parameters from the architecture the way transformers builds it (Llama, Qwen2/3,
 * Mistral, Mixtral, Gemma 2/3, Phi-3, DeepSeek-V2/V3). Exact for those families: it gives
 * 7,615,616,512 for Qwen2.5-7B and 8,030,261,248 for Llama-3.1-8B, the safetensors totals.
 * For another family it is an estimate within a few per mille (norms and biases differ).
 */
export function countParams(arch: ModelArch): ParamCounts {
  const h = arch.hiddenSize;
  const embedding = arch.vocabSize * h;
  const embeddingParams = arch.tieWordEmbeddings ? embedding : 2 * embedding;
  const attention = attentionParams(arch);
  const norms = layerNormParams(arch);
  const denseMlp = 3 * h * arch.intermediateSize;

  let total = 0;
  let active = 0;
  const moe = arch.moe;
  const denseLayers = moe ? (moe.firstDenseLayers ?? 0) : arch.numLayers;
  const moeLayers = arch.numLayers - denseLayers;
  total += denseLayers * (attention + norms + denseMlp);
  active += denseLayers * (attention + norms + denseMlp);
  if (moe) {
    const expert = 3 * h * moe.moeIntermediateSize;
    const sharedWidth = moe.sharedExpertIntermediateSize ?? moe.sharedExperts * moe.moeIntermediateSize;
    const shared = sharedWidth > 0 ? 3 * h * sharedWidth + (moe.sharedExpertIntermediateSize ? h : 0) : 0;
    const router = h * moe.numExperts + (arch.modelType === "deepseek_v3" ? moe.numExperts : 0);
    total += moeLayers * (attention + norms + router + shared + moe.numExperts * expert);
    active += moeLayers * (attention + norms + router + shared + moe.expertsPerToken * expert);
  }
  const finalNorm = h;
  return {
    totalParams: total + embeddingParams + finalNorm,
    embeddingParams,
    activeParams: active + embeddingParams + finalNorm,
  };
}

function attentionParams(arch: ModelArch): number {
  const h = arch.hiddenSize;
  const heads = arch.numAttentionHeads;
  if (arch.mla) {
    const { kvLoraRank, qkRopeHeadDim, qkNopeHeadDim = 0, vHeadDim = arch.headDim, qLoraRank } = arch.mla;
    const qHead = qkNopeHeadDim + qkRopeHeadDim;
    const q = qLoraRank ? h * qLoraRank + qLoraRank + qLoraRank * heads * qHead : h * heads * qHead;
    const kv = h * (kvLoraRank + qkRopeHeadDim) + kvLoraRank + kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
    return q + kv + heads * vHeadDim * h;
  }
  const d = arch.headDim;
  const kv = arch.numKeyValueHeads;
  const projections = h * heads * d + 2 * h * kv * d + heads * d * h;
  const qkvBias = arch.modelType.startsWith("qwen2") ? heads * d + 2 * kv * d : 0;
  const qkNorm = hasQkNorm(arch.modelType) ? 2 * d : 0;
  return projections + qkvBias + qkNorm;
}

function layerNormParams(arch: ModelArch): number {
  // Gemma 2/3 norm before and after both attention and MLP.
  return (arch.modelType.startsWith("gemma2") || arch.modelType.startsWith("gemma3") ? 4 : 2) * arch.hiddenSize;
}

function hasQkNorm(modelType: string): boolean {
  return modelType.startsWith("qwen3") || modelType.startsWith("gemma3");
}
