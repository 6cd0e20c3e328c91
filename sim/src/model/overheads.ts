import type { ModelArch } from "../catalog";
import type { SimGpu } from "../gpu/host";

/**
 * The simulator's own constants for the memory an engine needs besides weights and KV, each from a
 * real start-up log in shared/calibration/vllm-tgi-startup-logs.json. They differ from lib/budget's
 * on purpose: the two models are compared, never shared.
 */
const GIB = 2 ** 30;
const MIB = 2 ** 20;

/**
 * Peak activation of a profile/warm-up forward pass of `tokens` tokens over `seqs` sequences:
 * (18 × hidden + 4 × intermediate / tp) bytes per token — fitted so Meta-Llama-3-8B on an H100 with
 * 8,192 profile tokens gives the 1.26 GiB of vllm#10511 ("PyTorch activation peak memory 1.26GiB")
 * — plus the sampler's fp32 logits and probabilities for every sequence (seqs × vocab × 8 B).
 */
export function activationPeakBytes(arch: ModelArch, tp: number, tokens: number, seqs: number): number {
  const intermediate = arch.moe ? arch.moe.moeIntermediateSize * arch.moe.expertsPerToken : arch.intermediateSize;
  const perToken = 18 * arch.hiddenSize + (4 * intermediate) / tp;
  return Math.round(tokens * perToken + seqs * arch.vocabSize * 8);
}

/**
 * Memory allocated outside PyTorch (NCCL buffers, custom all-reduce IPC buffers, cuBLAS workspaces).
 * One GPU: 0.16 GiB on data-centre cards (vllm#12126, H100 "non_torch_memory takes 0.16GiB"), 0.35 GiB
 * on GeForce cards (vllm#10517, RTX 3090 "non_torch_memory=0.35GiB"). Each extra rank on NVLink adds the
 * custom all-reduce buffers: 3.58 GiB at TP 2 against 1.79 GiB at TP 1 on an H100 (vllm#10511); over PCIe
 * only NCCL's buffers, 0.34–0.43 GiB in all on A100-40GB at TP 4 (vllm#16570).
 */
export function nonTorchBytes(gpu: SimGpu, ranks: number): number {
  const base = gpu.spec.interconnect === "nvlink" || gpu.traits.architecture === "Hopper" ? 0.16 * GIB : 0.35 * GIB;
  if (ranks <= 1) return Math.round(base);
  return Math.round(base + (gpu.spec.interconnect === "nvlink" ? 1.79 * GIB : 0.2 * GIB));
}

/**
 * CUDA-graph pool captured after the KV cache (not inside gpu_memory_utilization in vLLM 0.8–0.11):
 * 0.25 GiB plus 10 MiB per layer of the rank, i.e. 0.52 GiB for a 28-layer 7B model (real logs:
 * "Graph capturing finished in 6 secs, took 0.3–0.7 GiB" for 7–8B models at TP 1).
 */
export function cudaGraphBytes(arch: ModelArch, pp: number, eager: boolean): number {
  return eager ? 0 : Math.round(0.25 * GIB + 10 * MIB * Math.ceil(arch.numLayers / pp));
}

/** What torch sees as total memory: nvidia-smi's total less the driver's reservation (H100: 81,559 − 480 MiB = 79.18 GiB, as vLLM logs). */
export const torchTotalBytes = (gpu: SimGpu): number => gpu.spec.memoryBytes - gpu.traits.reservedMiB * MIB;
