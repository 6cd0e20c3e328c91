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
 * MoE layers launch several kernels per piece (router, top-k, fused experts), so each graph costs more: the geometric
 * mean of the fitted MoE start-ups whose all-reduce is not NCCL's (gpt-oss-20b on H100 1.32, DeepSeek-R1 on H200 TP 8
 * with custom all-reduce 0.80, Qwen3-30B-A3B on GB10 2.60 × the dense per-graph figure).
 */
const MOE_PER_GRAPH_FACTOR = 1.4;
/**
 * An NCCL all-reduce captured in a CUDA graph keeps its own device-side work storage for the graph's lifetime (NCCL
 * ≥ 2.19 allocates it per captured launch: NVIDIA/nccl#1234; vLLM's custom all-reduce "uses less memory" because NCCL's
 * "internal buffer is captured in the graph", vllm#2192). vLLM captures two per layer and one for the embedding in
 * every graph, so this grows with captured sizes × layers wherever custom all-reduce is off (PCIe beyond two GPUs,
 * no peer access, TP across nodes, --disable-custom-all-reduce). 160 KiB is the median over the fitted start-ups
 * that capture them: Qwen2.5-72B TP 4 and Qwen3-235B-A22B TP 8 on L40S, Qwen2-7B TP 2 across two nodes, InternVL3-78B
 * TP 8 on L40S (139, 180, 183 and 37 KiB per captured call beyond the rest of the model).
 */
const NCCL_CAPTURED_CALL_BYTES = 160 * KIB;

export interface GraphMemory {
  bytes: number;
  /** The part that NCCL's captured all-reduces keep (0 with custom all-reduce or TP 1). */
  ncclBytes: number;
  ncclCalls: number;
}

export function vllmCudaGraphBytes(
  arch: ModelArch,
  tp: number,
  capture: GraphCapture,
  ncclAllReduce = false,
): GraphMemory {
  const width = arch.moe ? arch.moe.expertsPerToken * arch.moe.moeIntermediateSize : arch.intermediateSize;
  const pool = capture.largestBatch * POOL_BYTES_PER_TOKEN_AND_WIDTH * (3 * ceilDiv(width, tp) + arch.hiddenSize);
  const piecewise = capture.piecewiseSizes * (arch.numLayers + 1) * PIECEWISE_GRAPH_BYTES;
  const full = capture.fullSizes * arch.numLayers * FULL_GRAPH_BYTES_PER_LAYER;
  const ncclCalls =
    ncclAllReduce && tp > 1 ? (capture.piecewiseSizes + capture.fullSizes) * (2 * arch.numLayers + 1) : 0;
  const ncclBytes = ncclCalls * NCCL_CAPTURED_CALL_BYTES;
  const bytes = Math.round(pool + (piecewise + full) * (arch.moe ? MOE_PER_GRAPH_FACTOR : 1) + ncclBytes);
  return { bytes, ncclBytes, ncclCalls };
}

/** TGI captures its own, smaller batch list (1, 2, 4, 8, 16, 32): not measured, ~6 MiB per layer from public logs. */
const TGI_GRAPH_BYTES_PER_LAYER = 6 * MIB;

export const tgiCudaGraphBytes = (arch: ModelArch): number => arch.numLayers * TGI_GRAPH_BYTES_PER_LAYER;

export const cudaContextOverhead = (): Overhead => ({
  bytes: CUDA_CONTEXT_BYTES,
  explanation: "Reserved: CUDA context of the process (0.60 GiB measured on H100), outside the engine's own budget",
});
