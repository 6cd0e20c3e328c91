import type { ModelArch } from "../catalog";
import type { SimGpu } from "../gpu/host";
import { kvBytesPerToken } from "../model/kv";
import { weightShape, weightsPerRank } from "../model/weights";
import { OVERHEAD_SECONDS, type TimingModel } from "./timing";

/** Bandwidth a decode step achieves: 75 % of peak for 16-bit GEMV, 55 % for int4/int8 kernels (dequantization). */
export const BANDWIDTH_EFFICIENCY = { sixteenBit: 0.75, quantized: 0.55 } as const;
/** Share of peak tensor throughput a prefill reaches (model FLOPs utilisation). */
export const COMPUTE_EFFICIENCY = 0.55;

export interface TimingInputs {
  arch: ModelArch;
  gpu: SimGpu;
  tp: number;
  pp: number;
  quantization?: string;
  kvDtypeBytes: number;
  eager: boolean;
  /** Extra seconds per step on top of the CUDA-graph/eager overhead (TGI's router round trip). */
  extraOverheadSeconds?: number;
}

export function buildTimingModel(inputs: TimingInputs): TimingModel {
  const { arch, gpu, tp, pp } = inputs;
  const shape = weightShape(arch);
  const quantized = Boolean(inputs.quantization ?? arch.quantization);
  const activeParams = shape.activeLinearParams / (tp * pp) + (shape.lmHeadParams || shape.embeddingParams) / tp;
  return {
    bandwidthBytesPerSecond: gpu.spec.bandwidthBytesPerSecond || 1e12,
    tensorFlops: gpu.traits.tensorFlops,
    bandwidthEfficiency: quantized ? BANDWIDTH_EFFICIENCY.quantized : BANDWIDTH_EFFICIENCY.sixteenBit,
    computeEfficiency: COMPUTE_EFFICIENCY,
    weightReadBytes: weightsPerRank(arch, { tp, pp }, inputs.quantization).readBytesPerStep,
    flopsPerToken: 2 * activeParams,
    attentionFlopsPerContextToken: (4 * arch.numAttentionHeads * arch.headDim * Math.ceil(arch.numLayers / pp)) / tp,
    kvBytesPerToken: kvBytesPerToken(arch, { tp, pp }, inputs.kvDtypeBytes),
    hiddenSize: arch.hiddenSize,
    layersPerStage: Math.ceil(arch.numLayers / pp),
    tp,
    pp,
    interconnect: gpu.spec.interconnect,
    overheadSeconds:
      (inputs.eager ? OVERHEAD_SECONDS.eager : OVERHEAD_SECONDS.graphs) + (inputs.extraOverheadSeconds ?? 0),
  };
}
