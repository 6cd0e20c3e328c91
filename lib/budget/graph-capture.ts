import type { GraphCapture, GraphCaptureRule } from "./vllm-profiles";

export interface CaptureInput {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  /** Tokens of one sequence's decode step: 1 + the speculative tokens verified with it. */
  decodeTokens: number;
  /** --cuda-graph-sizes / compilation-config cudagraph_capture_sizes as given. */
  explicitSizes?: number[];
}

/** V0 captures 1, 2, 4 and every 8 up to max_num_seqs rounded up to a captured size, at most 256. */
const V0_LARGEST = 256;
const V1_LARGEST = 512;

/** 1, 2, 4, then every 8 (≤ 0.10), or every 8 below 256 and every 16 from 256 (0.11+), up to the largest. */
function defaultSizes(largest: number, step16From256: boolean): number[] {
  const sizes = [1, 2, 4].filter((s) => s <= largest);
  for (let s = 8; s <= largest; s += step16From256 && s >= 256 ? 16 : 8) sizes.push(s);
  return sizes;
}

function largestOf(rule: GraphCaptureRule, input: CaptureInput): number {
  if (rule.largest === "v0") return Math.min(Math.ceil(input.maxNumSeqs / 8) * 8, V0_LARGEST);
  if (rule.largest === "fixed-512") return V1_LARGEST;
  return Math.min(2 * input.maxNumSeqs * input.decodeTokens, V1_LARGEST);
}

/**
 * The graphs one instance captures (VllmConfig._set_cudagraph_sizes): sizes above max_num_batched_tokens are
 * dropped (V1), and whole-model graphs cover pure-decode batches only, up to max_num_seqs × tokens per decode step.
 */
export function graphCapture(rule: GraphCaptureRule, input: CaptureInput): GraphCapture {
  const all = input.explicitSizes ?? defaultSizes(largestOf(rule, input), rule.step16From256);
  const sizes = rule.largest === "v0" ? all : all.filter((s) => s <= input.maxNumBatchedTokens);
  const decodeLimit = input.maxNumSeqs * input.decodeTokens;
  return {
    piecewiseSizes: rule.piecewise ? sizes.length : 0,
    fullSizes: rule.full ? sizes.filter((s) => s <= decodeLimit || rule.largest === "v0").length : 0,
    largestBatch: Math.max(0, ...sizes),
  };
}
