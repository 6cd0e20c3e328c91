import type { ModelArch } from "../catalog/types";
import { GIB, MIB } from "./units";

/** CUDA context of one process, measured on H100 (driver 580, torch 2.11): the engines do not count it in their budget. */
export const CUDA_CONTEXT_BYTES = 648_871_936;

/** cuBLAS workspace and attention-backend buffers vLLM logs as non-torch at TP 1 (median of 0.03/0.16/0.35 GiB logs). */
const NON_TORCH_TP1_BYTES = Math.round(0.16 * GIB);
/** NCCL (NVLS on NVSwitch) and custom all-reduce IPC buffers once TP > 1: +1.79 GiB on H100 TP 2 (vllm#10511). */
const NON_TORCH_NVLINK_EXTRA_BYTES = Math.round(1.79 * GIB);
/** Without NVLink NCCL keeps small ring buffers and custom all-reduce is off: +0.2–0.27 GiB on A100 40GB TP 4 (vllm#16570). */
const NON_TORCH_PCIE_EXTRA_BYTES = Math.round(0.25 * GIB);

export interface Overhead {
  bytes: number;
  explanation: string;
}

export function nonTorchOverhead(tp: number, interconnect: "nvlink" | "pcie"): Overhead {
  if (tp <= 1) return { bytes: NON_TORCH_TP1_BYTES, explanation: "Non-torch: cuBLAS workspace and attention buffers outside PyTorch (~0.16 GiB at TP 1)" };
  const extra = interconnect === "nvlink" ? NON_TORCH_NVLINK_EXTRA_BYTES : NON_TORCH_PCIE_EXTRA_BYTES;
  const what = interconnect === "nvlink" ? "NCCL (NVLink) and custom all-reduce buffers" : "NCCL ring buffers over PCIe";
  return { bytes: NON_TORCH_TP1_BYTES + extra, explanation: `Non-torch: cuBLAS workspace plus ${what} for TP ${tp}` };
}

/** Graph pool of vLLM's captured decode batch sizes: 0.3–0.7 GiB for 7–8B at TP 1, 3.45 GiB for Qwen3-235B-FP8 (MoE, 94 layers). */
export function cudaGraphBytes(arch: ModelArch, captureSizes: "vllm" | "tgi"): number {
  const perLayer = captureSizes === "vllm" ? 16 * MIB : 6 * MIB;
  const moeFactor = arch.moe ? 2.35 : 1;
  return Math.round(arch.numLayers * perLayer * moeFactor);
}

export const cudaContextOverhead = (): Overhead => ({
  bytes: CUDA_CONTEXT_BYTES,
  explanation: "Reserved: CUDA context of the process (0.60 GiB measured on H100), outside the engine's own budget",
});
