import type { ModelArch, VisionTower } from "../catalog/types";
import { ceilDiv, roundUpTo } from "./units";

/** Where a parameter lives; decides whether quantization converts it and how TP shards it. */
export type ParamKind =
  | "embedding"
  | "lmHead"
  | "attention"
  | "mlp"
  | "experts"
  | "sharedExperts"
  | "router"
  | "norm"
  | "bias"
  | "vision";

export interface ParamGroup {
  kind: ParamKind;
  /** Parameters of one tensor-parallel rank. */
  params: number;
  /** Linear weights GPTQ/AWQ/fp8/bitsandbytes convert; embeddings, lm_head, norms, biases and routers stay 16 bit. */
  quantizable: boolean;
}

export interface ShardOptions {
  tp: number;
  /** vLLM pads the vocabulary to a multiple of 64 before splitting it over ranks; 1 = no padding. */
  vocabPadding: number;
}

const UNSHARDED: ShardOptions = { tp: 1, vocabPadding: 1 };

/** Parameter groups one rank holds. With `tp: 1, vocabPadding: 1` they sum to the checkpoint's parameter count. */
export function paramGroups(arch: ModelArch, shard: ShardOptions = UNSHARDED): ParamGroup[] {
  const { tp } = shard;
  const h = arch.hiddenSize;
  const vocabPerRank = ceilDiv(roundUpTo(arch.vocabSize, shard.vocabPadding), tp);
  const groups: ParamGroup[] = [{ kind: "embedding", params: vocabPerRank * h, quantizable: false }];
  if (!arch.tieWordEmbeddings) groups.push({ kind: "lmHead", params: vocabPerRank * h, quantizable: false });

  const layerAttention = arch.mla ? mlaParams(arch, tp) : attentionParams(arch, tp);
  const moe = arch.moe;
  const denseLayers = moe ? (moe.firstDenseLayers ?? 0) : arch.numLayers;
  const moeLayers = arch.numLayers - denseLayers;
  groups.push({ kind: "attention", params: arch.numLayers * layerAttention.replicatedLinear, quantizable: true });
  groups.push({ kind: "attention", params: arch.numLayers * layerAttention.linear, quantizable: true });
  groups.push({ kind: "bias", params: arch.numLayers * layerAttention.bias, quantizable: false });
  groups.push({
    kind: "mlp",
    params: denseLayers * mlpMatrices(arch) * h * ceilDiv(arch.intermediateSize, tp),
    quantizable: true,
  });

  if (moe && moeLayers > 0) {
    const expertWidth = ceilDiv(moe.moeIntermediateSize, tp);
    groups.push({ kind: "experts", params: moeLayers * moe.numExperts * 3 * h * expertWidth, quantizable: true });
    const sharedWidth = moe.sharedExpertIntermediateSize ?? moe.sharedExperts * moe.moeIntermediateSize;
    groups.push({ kind: "sharedExperts", params: moeLayers * 3 * h * ceilDiv(sharedWidth, tp), quantizable: true });
    // Qwen2-MoE gates its shared expert with a hidden×1 linear; DeepSeek-V3 adds a score-correction bias per expert.
    const sharedGate = moe.sharedExpertIntermediateSize ? h : 0;
    const scoreBias = arch.modelType === "deepseek_v3" ? moe.numExperts : 0;
    groups.push({
      kind: "router",
      params: moeLayers * (h * moe.numExperts + sharedGate + scoreBias),
      quantizable: false,
    });
  }
  groups.push({ kind: "norm", params: arch.numLayers * layerNormParams(arch) + h, quantizable: false });
  // vLLM shards the vision tower's linears over the TP ranks like the language model's (InternViT keeps its attention
  // whole on every rank when its heads do not divide by TP); quantized checkpoints of VL models leave the tower in
  // 16 bit.
  if (arch.vision) {
    const whole = wholeVisionAttention(arch.vision, tp);
    const params = whole + ceilDiv(arch.vision.params - whole, tp);
    groups.push({ kind: "vision", params, quantizable: false });
  }
  return groups.filter((g) => g.params > 0);
}

/** The vision attention's parameters each rank holds whole (0 when the tower shards them). */
export function wholeVisionAttention(vision: VisionTower, tp: number): number {
  const a = vision.wholeAttentionUnlessDivisible;
  return a && tp > 1 && a.heads % tp !== 0 ? a.params : 0;
}

export const totalParams = (arch: ModelArch): number => sumParams(paramGroups(arch));

export const sumParams = (groups: readonly ParamGroup[]): number => groups.reduce((sum, g) => sum + g.params, 0);

/** KV heads one rank holds: vLLM replicates them when TP exceeds their number. */
export const kvHeadsPerRank = (arch: ModelArch, tp: number): number => Math.max(1, ceilDiv(arch.numKeyValueHeads, tp));

interface LayerAttention {
  linear: number;
  replicatedLinear: number;
  bias: number;
}

function attentionParams(arch: ModelArch, tp: number): LayerAttention {
  const h = arch.hiddenSize;
  const d = arch.headDim;
  const qWidth = ceilDiv(arch.numAttentionHeads, tp) * d;
  const kvWidth = kvHeadsPerRank(arch, tp) * d;
  const linear = h * qWidth + 2 * h * kvWidth + qWidth * h;
  const bias = hasQkvBias(arch) ? qWidth + 2 * kvWidth : 0;
  // q_norm / k_norm act per head and are replicated.
  const qkNorm = hasQkNorm(arch) ? 2 * d : 0;
  return { linear, replicatedLinear: 0, bias: bias + qkNorm };
}

function mlaParams(arch: ModelArch, tp: number): LayerAttention {
  const mla = arch.mla!;
  const h = arch.hiddenSize;
  const headsPerRank = ceilDiv(arch.numAttentionHeads, tp);
  const nope = mla.qkNopeHeadDim ?? 0;
  const qHead = nope + mla.qkRopeHeadDim;
  const vHead = mla.vHeadDim ?? arch.headDim;
  // q_a_proj and kv_a_proj_with_mqa are ReplicatedLinear in vLLM: every rank holds them whole.
  const qA = mla.qLoraRank ? h * mla.qLoraRank : 0;
  const kvA = h * (mla.kvLoraRank + mla.qkRopeHeadDim);
  const qB = mla.qLoraRank ? mla.qLoraRank * headsPerRank * qHead : h * headsPerRank * qHead;
  const kvB = mla.kvLoraRank * headsPerRank * (nope + vHead);
  const o = headsPerRank * vHead * h;
  const norms = (mla.qLoraRank ?? 0) + mla.kvLoraRank;
  return { linear: qB + kvB + o, replicatedLinear: qA + kvA, bias: norms };
}

/**
 * Gated MLPs (Llama, Mistral, Qwen, Gemma, Phi-3: gate, up and down) hold three hidden × intermediate matrices; the
 * GPT-2 lineage (GPT-BigCode/StarCoder, OPT, Falcon, GPT-NeoX, Phi-2, StarCoder2, BLOOM, MPT, GPT-J) holds two
 * (fc1/c_fc and fc2/c_proj).
 */
const TWO_MATRIX_MLP =
  /^(gpt2|gpt_bigcode|gpt_neo|gpt_neox|gptj|opt|falcon|phi|starcoder2|bloom|mpt|codegen|RefinedWeb(Model)?)$/;

export const mlpMatrices = (arch: Pick<ModelArch, "modelType">): number =>
  TWO_MATRIX_MLP.test(arch.modelType) ? 2 : 3;

function hasQkvBias(arch: ModelArch): boolean {
  return arch.modelType.startsWith("qwen2") || arch.architecture.startsWith("Qwen2");
}

function hasQkNorm(arch: ModelArch): boolean {
  return arch.modelType.startsWith("qwen3") || arch.modelType.startsWith("gemma3");
}

function layerNormParams(arch: ModelArch): number {
  // Gemma 2/3 normalize before and after both attention and MLP.
  const perLayer = arch.modelType.startsWith("gemma2") || arch.modelType.startsWith("gemma3") ? 4 : 2;
  return perLayer * arch.hiddenSize;
}
