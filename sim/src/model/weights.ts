import type { ModelArch, QuantizationConfig } from "../catalog";

/**
 * The simulator's own weight model: bytes one rank holds after loading, counted from the
 * architecture's tensor shapes. Checked against real vLLM logs: Qwen2.5-7B-Instruct bf16 gives
 * 14.2 GiB (vLLM logs 14.25 GiB), Llama-3-8B bf16 14.96 GiB (logs 14.96–14.99), Qwen2.5-7B INT4
 * 5.19 GiB (vllm#13882 logs 5.20 GiB). Embeddings and lm_head are split across TP ranks
 * (vocab-parallel) and stay 16-bit in GPTQ/AWQ checkpoints.
 */
export interface WeightShape {
  /** Parameters of the linear layers of all decoder layers (quantizable). */
  linearParams: number;
  /** Norms, biases and other small tensors (16-bit). */
  otherParams: number;
  embeddingParams: number;
  lmHeadParams: number;
  /** Parameters read per decoded token (MoE: only the routed experts). */
  activeLinearParams: number;
}

export function weightShape(arch: ModelArch): WeightShape {
  const h = arch.hiddenSize;
  const q = arch.numAttentionHeads * arch.headDim;
  const kv = arch.numKeyValueHeads * arch.headDim;
  const attention = h * q + 2 * h * kv + q * h;
  const mlp = (width: number) => 3 * h * width;
  const denseLayer = attention + mlp(arch.intermediateSize);
  let layers = arch.numLayers * denseLayer;
  let active = layers;
  if (arch.moe) {
    const moe = arch.moe;
    const dense = moe.firstDenseLayers ?? 0;
    const expert = mlp(moe.moeIntermediateSize);
    const shared = moe.sharedExpertIntermediateSize
      ? mlp(moe.sharedExpertIntermediateSize)
      : moe.sharedExperts * expert;
    const router = h * moe.numExperts;
    layers = dense * denseLayer + (arch.numLayers - dense) * (attention + moe.numExperts * expert + shared + router);
    active = dense * denseLayer + (arch.numLayers - dense) * (attention + moe.expertsPerToken * expert + shared);
  }
  const embeddingParams = arch.vocabSize * h;
  return {
    linearParams: layers,
    otherParams: arch.numLayers * (2 * h + q + 2 * kv) + h,
    embeddingParams,
    lmHeadParams: arch.tieWordEmbeddings ? 0 : embeddingParams,
    activeLinearParams: active,
  };
}

/** Bytes per quantized linear weight, scales and zero points included (group-wise int formats). */
export function linearBytesPerParam(quant: QuantizationConfig | undefined, runtimeQuant: string | undefined): number {
  const method = quant?.method ?? runtimeQuant;
  if (!method) return 2;
  if (method === "fp8" || method === "fbgemm_fp8" || method === "eetq" || method === "experts_int8")
    return 1 + 4 / 4096;
  const bits = quant?.bits ?? (method.includes("nf4") || method.includes("fp4") ? 4 : 8);
  const group = quant?.groupSize && quant.groupSize > 0 ? quant.groupSize : 128;
  // One fp16 scale and one packed zero point per group of `group` weights.
  return bits / 8 + (2 + bits / 8) / group;
}

export interface RankWeights {
  /** Bytes one rank holds. */
  bytes: number;
  /** Bytes one rank reads per decode step (MoE reads only the active experts). */
  readBytesPerStep: number;
}

export function weightsPerRank(arch: ModelArch, ranks: { tp: number; pp: number }, runtimeQuant?: string): RankWeights {
  const shape = weightShape(arch);
  const perLinear = linearBytesPerParam(arch.quantization, runtimeQuant);
  const sixteen = 2;
  const split = ranks.tp * ranks.pp;
  const vocab = ((shape.embeddingParams + shape.lmHeadParams) * sixteen) / ranks.tp;
  const bytes = (shape.linearParams * perLinear + shape.otherParams * sixteen) / split + vocab;
  const readBytesPerStep =
    (shape.activeLinearParams * perLinear + shape.otherParams * sixteen) / split +
    ((shape.lmHeadParams || shape.embeddingParams) * sixteen) / ranks.tp;
  return { bytes: Math.round(bytes), readBytesPerStep: Math.round(readBytesPerStep) };
}
