/**
 * How long one engine step takes on a simulated GPU (sim/README.md, "Timing model").
 *
 *   gpu   = max(weights / (bandwidth × bandwidthEfficiency) + KV read / (bandwidth × 0.5), FLOPs / (tensorFlops × computeEfficiency))
 *   comm  = per layer 2 all-reduces of the step's tokens × hidden × 2 B (TP > 1), each latency + size / bus bandwidth
 *   step  = gpu × pp + comm + overhead
 *
 * Bytes read: the rank's weights once per step plus the KV of every decoding sequence's context.
 * FLOPs: 2 × active parameters per token (per rank) plus attention (4 × heads·head_dim × context per layer).
 */
export interface TimingModel {
  bandwidthBytesPerSecond: number;
  tensorFlops: number;
  /** 0.75 for 16-bit weights, 0.55 for int4/int8 kernels (dequantization); see README for the checks. */
  bandwidthEfficiency: number;
  computeEfficiency: number;
  weightReadBytes: number;
  /** 2 × active parameters of one rank: FLOPs per token excluding attention. */
  flopsPerToken: number;
  /** 4 × attention width of one rank × layers of one stage: attention FLOPs per token per context token. */
  attentionFlopsPerContextToken: number;
  kvBytesPerToken: number;
  hiddenSize: number;
  layersPerStage: number;
  tp: number;
  pp: number;
  interconnect: "nvlink" | "pcie";
  /** CPU-side scheduling, sampling and kernel launches per step. */
  overheadSeconds: number;
}

/** NCCL all-reduce on a node, ballpark of nccl-tests: small-message latency and bus bandwidth. */
export const ALL_REDUCE = {
  pcie: { latencySeconds: 60e-6, busBytesPerSecond: 6e9 },
  nvlink: { latencySeconds: 10e-6, busBytesPerSecond: 150e9 },
} as const;

/**
 * Per-step CPU time (scheduling, sampling, launches) and the share of bandwidth paged attention gets
 * reading the KV cache: fitted to Qwen's published A100 decode speeds (see timing.test.ts).
 */
export const OVERHEAD_SECONDS = { graphs: 0.0025, eager: 0.0055 } as const;
export const KV_BANDWIDTH_EFFICIENCY = 0.5;

export interface StepWork {
  /** Sequences producing one token each. */
  decodeSeqs: number;
  /** Sum of the context lengths of those sequences (tokens whose KV is read). */
  decodeContextTokens: number;
  /** Prompt tokens computed this step (chunked prefill). */
  prefillTokens: number;
  /** Σ chunk × (tokens already cached + chunk / 2): attention work of the prefill chunks. */
  prefillAttentionPairs: number;
}

export function stepSeconds(model: TimingModel, work: StepWork): number {
  const tokens = work.decodeSeqs + work.prefillTokens;
  if (tokens === 0) return 0;
  const kvBytes = (work.decodeContextTokens + work.prefillTokens) * model.kvBytesPerToken;
  const memory =
    model.weightReadBytes / (model.bandwidthBytesPerSecond * model.bandwidthEfficiency) +
    kvBytes / (model.bandwidthBytesPerSecond * KV_BANDWIDTH_EFFICIENCY);
  const flops =
    tokens * model.flopsPerToken +
    (work.decodeContextTokens + work.prefillAttentionPairs) * model.attentionFlopsPerContextToken;
  const compute = flops / (model.tensorFlops * model.computeEfficiency);
  return Math.max(memory, compute) * model.pp + commSeconds(model, tokens) + model.overheadSeconds;
}

export function commSeconds(
  model: Pick<TimingModel, "tp" | "pp" | "hiddenSize" | "layersPerStage" | "interconnect">,
  tokens: number,
): number {
  const pipeline =
    model.pp > 1
      ? (model.pp - 1) *
        (ALL_REDUCE[model.interconnect].latencySeconds +
          (tokens * model.hiddenSize * 2) / ALL_REDUCE[model.interconnect].busBytesPerSecond)
      : 0;
  if (model.tp <= 1) return pipeline;
  const link = ALL_REDUCE[model.interconnect];
  const bytes = (2 * (model.tp - 1) * tokens * model.hiddenSize * 2) / model.tp;
  return 2 * model.layersPerStage * model.pp * (link.latencySeconds + bytes / link.busBytesPerSecond) + pipeline;
}
