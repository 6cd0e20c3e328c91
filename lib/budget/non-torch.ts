/**
 * Memory a serving process holds outside PyTorch's caching allocator, from what allocates it. Single-card figures were
 * measured on an H200 (bench/gpu/measure_nontorch.py, measure_nccl_logits.py → bench/results/h200-*.json; driver 580,
 * torch 2.11, NCCL 2.28.9); the rest cite the log or source they come from.
 */
import { GIB, MIB } from "../vocabulary/units";
import type { GpuTarget } from "./common";
import type { MemoryAccounting } from "./vllm-profiles";

/** CUDA context of one process (lazy module loading): 650,969,088 B on H200, 648,871,936 B on H100. */
export const CUDA_CONTEXT_BYTES = 650_969_088;

/**
 * cuBLAS/cuBLASLt handle and workspace of the first GEMM: 69,206,016 B outside torch on H200 (a second stream's handle
 * adds the same); SDPA flash/efficient add nothing outside torch, cuDNN attention 10 MiB. vLLM logs 0.13 GiB of
 * non-torch memory at TP 1 (0.11, H100; 0.16 in 0.8 V0): the rest is its own kernel images (custom ops, FlashAttention).
 */
export const CUBLAS_HANDLE_BYTES = 69_206_016;
export const NON_TORCH_LIBRARIES_BYTES = Math.round(0.13 * GIB);

/**
 * One NCCL communicator, measured at world size 1 (no peers): the first in a process 585,105,408 B (its kernel images
 * and 64 channels' device structures), each further one 406,847,488 B. NCCL_CUMEM_ENABLE=0 makes them 717 / 539 MiB.
 */
export const NCCL_FIRST_COMMUNICATOR_BYTES = 585_105_408;
export const NCCL_NEXT_COMMUNICATOR_BYTES = 406_847_488;

/** vLLM's custom all-reduce (custom_all_reduce.py): an 8 MiB IPC buffer plus its 8 MiB metadata/scratch buffer. */
const CUSTOM_ALL_REDUCE_BYTES = 2 * 8 * MIB;

/**
 * NVLink SHARP (NVLS) buffers NCCL sets up on NVSwitch systems of compute capability ≥ 9 once the group has peers:
 * vLLM logged 1.79 GiB more non-torch memory at TP 2 than at TP 1 on H100 (vllm#10511).
 */
const NVLS_BYTES = Math.round(1.79 * GIB);

/**
 * hipBLASLt, PyTorch's GEMM library on gfx942 (MI300X, MI325X) unless TORCH_BLAS_PREFER_HIPBLASLT=0, holds its kernels
 * on the card outside the KV cache: 1,760 MiB twice over on Hot Aisle's 8 × MI300X. Llama-2-7B at TP 1 logged 20,186 KV
 * blocks of 8 MiB with it and 20,406 without (AUGMXNT/llm-tracker.info-vault "MI300X Testing"): 220 blocks; at TP 8,
 * 167,700 blocks of 1 MiB with it (vLLM 0.6.4.dev9, AUGMXNT/MI300-testing) and 169,460 without (0.6.3): 1,760 blocks.
 */
export const HIPBLASLT_GFX942_BYTES = 220 * 8 * MIB;

/**
 * RCCL on an xGMI mesh (each MI300X of a node linked to each other one) connects a rank to every peer directly, its
 * channels spread over the links, so the buffers grow with the peers, not with a fixed channel count as on NVLink. The
 * fitted Llama-2-7B TP 8 start on 8 × MI300X (vLLM 0.6.3, hipBLASLt off, custom all-reduce off) leaves 3.71 GiB per
 * rank beyond the communicators: 0.53 GiB per peer. Raising the channels shows the same scaling: NCCL_MIN_NCHANNELS=112
 * cost each rank 1.3–1.6 GiB more (AUGMXNT/MI300-testing, inference-vllm-vs-vllm-rocm cells 20–21).
 */
export const RCCL_XGMI_PEER_BYTES = Math.round(0.53 * GIB);

/**
 * CUDA under WSL2 (GPU paravirtualization through dxgkrnl) holds more outside torch than on Linux, and the engines'
 * profiles count it: vLLM's own ledger on an RTX 4090 under WSL2 (0.27.1) books 0.32 GiB of non-torch memory where
 * native cards book 0.02–0.13, and the fitted starts of two WSL2 machines leave 0.21 GiB (that RTX 4090) and 0.44 GiB
 * (an RTX 4080 Laptop, the same across its whole gpu_memory_utilization sweep, vLLM 0.20–0.23) more than the Linux
 * model. The midpoint of the two machines; users report the overhead varies (0.3–1.3 GiB, microsoft/WSL#40401 and
 * vllm#41619 show worse on Blackwell).
 */
export const WSL2_EXTRA_BYTES = Math.round(((0.21 + 0.44) / 2) * GIB);

/** Ring/tree buffers per peer connection without NVLS: NCCL_BUFFSIZE 4 MiB (Simple) + LL128 + LL per channel. */
const NCCL_CONNECTION_BYTES = 9 * MIB;
const NCCL_CHANNELS = { nvlink: 16, pcie: 2 } as const;

export interface NonTorchInput {
  /** GPUs the instance spans: tp × pp. */
  ranks: number;
  tp: number;
  gpu: GpuTarget;
  accounting: MemoryAccounting;
  /** NCCL communicators start after the memory baseline (V1 0.9–0.10 would count them; see vllm-profiles.ts). */
  ncclInBudget: boolean;
  customAllReduce: boolean;
  /** NCCL communicators of a rank: vLLM keeps torch's process group and its own pynccl one (2), TGI torch's (1). */
  communicators: number;
  /** TORCH_BLAS_PREFER_HIPBLASLT; absent = PyTorch's default (hipBLASLt where the card has it). */
  preferHipBlasLt?: boolean;
}

export interface NonTorchPlan {
  /** What the engine's profile books as non-torch memory, and takes from the KV cache. */
  countedBytes: number;
  /** What the process also holds outside torch but the engine does not count (the card holds it all the same). */
  outsideBytes: number;
  explanation: string;
}

/** Whether vLLM's custom all-reduce allocates its buffers: peer access, 2/4/6/8 ranks, and NVLink beyond two cards. */
export function usesCustomAllReduce(tp: number, gpu: GpuTarget, disabled: boolean): boolean {
  if (disabled || tp < 2 || ![2, 4, 6, 8].includes(tp)) return false;
  if (gpu.peerToPeer === false) return false;
  return tp === 2 || gpu.interconnect === "nvlink";
}

/** hipBLASLt's resident kernels, where PyTorch uses it (measured on gfx942 only). */
export function hipBlasLtBytes(gpu: GpuTarget, prefer: boolean | undefined): number {
  return gpu.rocmArch === "gfx942" && prefer !== false ? HIPBLASLT_GFX942_BYTES : 0;
}

interface NcclMemory {
  communicators: number;
  buffers: number;
  kind: "nvls" | "xgmi" | "ring" | "host";
}

/** NCCL (RCCL on AMD) memory of one rank: its communicators and their peer buffers. */
function ncclBytes(ranks: number, tp: number, gpu: GpuTarget, count: number): NcclMemory {
  if (ranks < 2 || count < 1) return { communicators: 0, buffers: 0, kind: "ring" };
  const communicators = NCCL_FIRST_COMMUNICATOR_BYTES + (count - 1) * NCCL_NEXT_COMMUNICATOR_BYTES;
  if (gpu.rocmArch !== undefined && gpu.interconnect === "nvlink") {
    return { communicators, buffers: Math.max(1, tp - 1) * RCCL_XGMI_PEER_BYTES, kind: "xgmi" };
  }
  if (gpu.interconnect === "nvlink" && (gpu.computeCapability ?? 0) >= 9) {
    return { communicators, buffers: NVLS_BYTES, kind: "nvls" };
  }
  // Without peer access NCCL goes through host shared memory: the buffers live in host RAM.
  if (gpu.peerToPeer === false) return { communicators, buffers: 0, kind: "host" };
  return { communicators, buffers: NCCL_CHANNELS[gpu.interconnect] * 2 * NCCL_CONNECTION_BYTES, kind: "ring" };
}

function bufferWords(nccl: NcclMemory): string {
  const gib = (nccl.buffers / GIB).toFixed(2);
  if (nccl.kind === "nvls") return `NVLS buffers ${gib} GiB`;
  if (nccl.kind === "xgmi") return `RCCL buffers to each xGMI peer ${gib} GiB`;
  if (nccl.kind === "host") return "NCCL through host shared memory (no peer access)";
  return `NCCL ring buffers ${gib} GiB`;
}

export function nonTorchPlan(input: NonTorchInput): NonTorchPlan {
  const { ranks, gpu, accounting } = input;
  const nccl = ncclBytes(ranks, input.tp, gpu, input.communicators);
  const customAr = input.customAllReduce ? CUSTOM_ALL_REDUCE_BYTES : 0;
  const hipBlasLt = hipBlasLtBytes(gpu, input.preferHipBlasLt);
  const wsl2 = gpu.wsl2 ? WSL2_EXTRA_BYTES : 0;
  const libraries = NON_TORCH_LIBRARIES_BYTES + hipBlasLt + wsl2;
  const gib = (b: number) => `${(b / GIB).toFixed(2)} GiB`;
  const libraryWords = `cuBLAS and kernel images ${gib(NON_TORCH_LIBRARIES_BYTES)}${hipBlasLt ? ` + hipBLASLt's kernels ${gib(hipBlasLt)} (gfx942, measured on MI300X)` : ""}${wsl2 ? ` + CUDA under WSL2 ${gib(wsl2)}` : ""}`;
  if (accounting === "torch-peak") {
    return {
      countedBytes: 0,
      outsideBytes: libraries + nccl.communicators + nccl.buffers + customAr,
      explanation: `Non-torch: none counted (vLLM ≤ 0.2.4 profiles torch's peak only); ${libraryWords}${ranks > 1 ? ` and NCCL (${gib(nccl.communicators + nccl.buffers)})` : ""} come on top`,
    };
  }
  // Everything the process holds outside torch (context excluded here: it is the `reserved` term).
  const everything = libraries + nccl.communicators + nccl.buffers + customAr;
  if (accounting !== "baseline-diff") {
    return {
      countedBytes: everything,
      outsideBytes: 0,
      explanation: `Non-torch: ${libraryWords}${ranks > 1 ? ` + NCCL ${gib(nccl.communicators)} (${input.communicators} communicator${input.communicators > 1 ? "s" : ""}, measured on H200) + ${bufferWords(nccl)}` : ""}${customAr ? " + custom all-reduce 16 MiB" : ""}, all counted by this release's profile`,
    };
  }
  const communicatorsCounted = input.ncclInBudget ? nccl.communicators : 0;
  const counted = libraries + communicatorsCounted + nccl.buffers + customAr;
  const parts = [libraryWords];
  if (ranks > 1) {
    parts.push(
      `${bufferWords(nccl)}${communicatorsCounted ? ` + NCCL communicators ${gib(communicatorsCounted)}` : ""}`,
    );
  }
  if (customAr) parts.push("custom all-reduce 16 MiB");
  const outside = nccl.communicators - communicatorsCounted;
  return {
    countedBytes: counted,
    outsideBytes: outside,
    explanation: `Non-torch: ${parts.join(" + ")}${outside ? `; NCCL's communicators (${gib(outside)}) start before the baseline and sit outside the budget` : ""}`,
  };
}
