import type { ModelArch } from "../catalog/types";
import { mlpMatrices } from "./params";
import { ceilDiv } from "./units";

export interface ProfileRun {
  /** Tokens in the dummy forward pass (max_num_batched_tokens, or max_model_len without chunked prefill). */
  tokens: number;
  /** Sequences they are spread over; the sampler sees one logits row per sequence. */
  seqs: number;
  tp: number;
  dtypeBytes: number;
  /** Working bytes per logit in the sampler (fp32 copies, softmax, sort values and int64 indices). */
  samplerBytesPerLogit: number;
  /**
   * Intermediate-sized tensors alive at the MLP's peak: 3 in vLLM (gate_up and silu_and_mul's output), 4 in TGI, whose
   * MLP computes act(gate) * up as two tensors (flash_*_modeling.py).
   */
  mlpIntermediates?: number;
}

export interface ActivationEstimate {
  bytes: number;
  perTokenBytes: number;
  samplerBytes: number;
  forwardBytes: number;
}

/**
 * Peak torch memory of a profile run beyond the weights: the larger of the forward pass and the sampler.
 * Forward, per token: the merged gate_up output and the activation (3 × intermediate / TP) with the residual,
 * normed and output hidden states (3 × hidden). Sampler: fp32 logits of one row per sequence and their working
 * copies. Fitted on V0 logs — Llama-3-8B: 1.26 GiB at 8,192 tokens for TP 1 and TP 2 (sampler-bound),
 * 2.07 GiB at 20,000 tokens (forward-bound); it then predicts Qwen2.5-7B-AWQ at 4,096 tokens within 5 %.
 */
export function estimateActivation(arch: ModelArch, run: ProfileRun): ActivationEstimate {
  const h = arch.hiddenSize;
  const moe = arch.moe;
  let perToken: number;
  if (moe) {
    // fused_moe allocates its three caches up front: top-k × (2N + N + hidden), N = expert width per rank.
    const n = ceilDiv(moe.moeIntermediateSize, run.tp);
    perToken = run.dtypeBytes * (moe.expertsPerToken * (3 * n + h) + 2 * h) + 4 * moe.numExperts;
  } else {
    // A two-matrix MLP holds fc1's output and its activation (2 × intermediate), a gated one gate_up and the product (3).
    const intermediates = run.mlpIntermediates ?? mlpMatrices(arch);
    perToken = run.dtypeBytes * (intermediates * ceilDiv(arch.intermediateSize, run.tp) + 3 * h);
  }
  const attentionPerToken = run.dtypeBytes * (ceilDiv(arch.numAttentionHeads, run.tp) * arch.headDim * 2 + 2 * h);
  perToken = Math.max(perToken, attentionPerToken);
  const samplerRows = Math.min(run.seqs, run.tokens);
  const samplerBytes = samplerRows * arch.vocabSize * run.samplerBytesPerLogit;
  const forwardBytes = run.tokens * perToken;
  const hiddenStatesBytes = run.tokens * h * run.dtypeBytes;
  const bytes = Math.round(Math.max(forwardBytes, hiddenStatesBytes + samplerBytes));
  return { bytes, perTokenBytes: perToken, samplerBytes, forwardBytes };
}
