/**
 * What vLLM adds to a rank's weights and KV cache for LoRA slots, a speculative draft and CPU offload. Each follows the
 * allocation in vLLM's source (named per function); none is fitted.
 */
import type { ModelArch } from "../catalog/types";
import type { VllmSettings } from "../vocabulary/layout-schema";
import { kvBytesPerTokenPerLayer } from "./kv";
import { kvHeadsPerRank } from "./params";
import { ceilDiv } from "./units";

/**
 * LoRA slots (vllm/lora/layers): every linear of every layer gets `max_loras` stacked A (in × r) and B (r × out)
 * matrices in the model dtype at load time. Column-parallel layers (qkv, gate_up) keep A whole and shard B; row-parallel
 * layers (o, down) shard A and keep B whole.
 */
export function loraSlotBytes(
  arch: ModelArch,
  tp: number,
  lora: NonNullable<VllmSettings["lora"]>,
  dtypeBytes: number,
): number {
  const h = arch.hiddenSize;
  const r = lora.maxLoraRank;
  const q = ceilDiv(arch.numAttentionHeads, tp) * arch.headDim;
  const kv = kvHeadsPerRank(arch, tp) * arch.headDim;
  const width = arch.moe ? arch.moe.moeIntermediateSize : arch.intermediateSize;
  const i = ceilDiv(width, tp);
  const qkv = h * r + r * (q + 2 * kv);
  const o = q * r + r * h;
  const gateUp = h * r + r * 2 * i;
  const down = i * r + r * h;
  // MoE experts get no LoRA in the releases that support MoE LoRA only for attention; count attention only there.
  const perLayer = arch.moe ? qkv + o : qkv + o + gateUp + down;
  return arch.numLayers * perLayer * lora.maxLoras * dtypeBytes;
}

export type SpeculativeKind = "draft-model" | "eagle" | "mtp" | "none";

export interface SpeculativePlan {
  kind: SpeculativeKind;
  weightsBytes: number;
  /** KV bytes per token on this rank for the draft's layers (they share the target's KV pool). */
  kvBytesPerToken: number;
  explanation: string;
}

const NO_MEMORY_METHODS = new Set(["ngram", "suffix", "[ngram]"]);

/**
 * --speculative-config (vllm/config/speculative.py): an n-gram lookup needs no memory; EAGLE/EAGLE-3 adds one decoder
 * layer of the target's shape plus its fc (2·hidden → hidden); MTP adds the checkpoint's next-token layers (one unless
 * known); a draft model adds its own weights and KV over the same TP group.
 */
export function speculativePlan(
  arch: ModelArch,
  draft: ModelArch | undefined,
  spec: VllmSettings["speculative"],
  tp: number,
  kvDtypeBytes: number,
  weightBytesOf: (arch: ModelArch) => number,
): SpeculativePlan {
  const none = { kind: "none" as const, weightsBytes: 0, kvBytesPerToken: 0, explanation: "" };
  if (!spec) return none;
  const method = spec.method?.toLowerCase();
  if (method && NO_MEMORY_METHODS.has(method))
    return { ...none, explanation: `speculative ${method}: looked up in the prompt, no weights or KV` };
  if (draft && (!method || method === "draft_model")) {
    const kv = draft.numLayers * kvBytesPerTokenPerLayer(draft, tp, kvDtypeBytes);
    return {
      kind: "draft-model",
      weightsBytes: weightBytesOf(draft),
      kvBytesPerToken: kv,
      explanation: `draft ${draft.id}: its weights and ${draft.numLayers} layers of KV per token`,
    };
  }
  const h = arch.hiddenSize;
  const q = ceilDiv(arch.numAttentionHeads, tp) * arch.headDim;
  const kvw = kvHeadsPerRank(arch, tp) * arch.headDim;
  const mlp = 3 * h * ceilDiv(arch.intermediateSize || (arch.moe?.moeIntermediateSize ?? 0), tp);
  const layer = h * (q + 2 * kvw) + q * h + mlp;
  const isMtp = method === "mtp" || method?.endsWith("_mtp") === true;
  const layers = isMtp ? 1 : draft ? draft.numLayers : 1;
  const fc = isMtp ? 2 * h * h : 2 * h * h;
  const weightsBytes = draft && !isMtp ? weightBytesOf(draft) : (layers * layer + fc) * 2;
  return {
    kind: isMtp ? "mtp" : "eagle",
    weightsBytes,
    kvBytesPerToken: layers * kvBytesPerTokenPerLayer(arch, tp, kvDtypeBytes),
    explanation: `${isMtp ? "MTP" : "EAGLE"} head: ${layers} decoder layer${layers > 1 ? "s" : ""} of weights and KV`,
  };
}
