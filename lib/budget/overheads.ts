import type { ModelArch } from "../catalog/types";
import { ceilDiv } from "./units";
import type { GraphCapture } from "./vllm-profiles";
import { KIB, MIB } from "../vocabulary/units";

/** CUDA context of one process, measured on H100 (driver 580, torch 2.11): the engines do not count it in their budget. */
export const CUDA_CONTEXT_BYTES = 648_871_936;

export interface Overhead {
  bytes: number;
  explanation: string;
}

/**
 * CUDA-graph memory, measured on H100 (bench/gpu/README.md, bench/results/h100-activation.json): PyTorch's graph
 * pool holds the largest captured batch's temporaries once (every smaller batch and layer reuses them), and the
 * driver adds a fixed amount per captured graph. Fits Qwen2.5-7B (406 MiB) and Llama-3-8B (420–422 MiB) within 3 %.
 */
const POOL_BYTES_PER_TOKEN_AND_WIDTH = 4;
const PIECEWISE_GRAPH_BYTES = 148 * KIB;
const FULL_GRAPH_BYTES_PER_LAYER = 53 * KIB;
/**
 * MoE layers launch several kernels per piece (router, top-k, fused experts), so each graph costs more:
 * Qwen3-235B-A22B-FP8 at TP 8 logged 3.45 GiB of graphs, 3.8× the dense per-graph figure.
 */
const MOE_PER_GRAPH_FACTOR = 3.8;
/** TGI captures its own, smaller batch list (1, 2, 4, 8, 16, 32): not measured, ~6 MiB per layer from public logs. */
const TGI_GRAPH_BYTES_PER_LAYER = 6 * MIB;

export function vllmCudaGraphBytes(arch: ModelArch, tp: number, capture: GraphCapture): number {
  const width = arch.moe ? arch.moe.expertsPerToken * arch.moe.moeIntermediateSize : arch.intermediateSize;
  const pool = capture.largestBatch * POOL_BYTES_PER_TOKEN_AND_WIDTH * (3 * ceilDiv(width, tp) + arch.hiddenSize);
  const piecewise = capture.piecewiseSizes * (arch.numLayers + 1) * PIECEWISE_GRAPH_BYTES;
  const full = capture.fullSizes * arch.numLayers * FULL_GRAPH_BYTES_PER_LAYER;
  return Math.round(pool + (piecewise + full) * (arch.moe ? MOE_PER_GRAPH_FACTOR : 1));
}

export const tgiCudaGraphBytes = (arch: ModelArch): number => arch.numLayers * TGI_GRAPH_BYTES_PER_LAYER;

export const cudaContextOverhead = (): Overhead => ({
  bytes: CUDA_CONTEXT_BYTES,
  explanation: "Reserved: CUDA context of the process (0.60 GiB measured on H100), outside the engine's own budget",
});
