import type { Finding } from "../vocabulary/finding";
import type { KvUncertainty } from "./uncertainty";

/** The budget terms, in the order the grid stacks them. */
export const TERM_NAMES = ["weights", "activation", "nonTorch", "cudaGraphs", "kvCache", "reserved", "free"] as const;
export type TermName = (typeof TERM_NAMES)[number];

export interface BudgetTerm {
  name: TermName;
  bytes: number;
  /** One line a person reads in a tooltip. */
  explanation: string;
}

/** The memory plan of one instance, per GPU of its tensor-parallel group. */
export interface InstanceBudget {
  engine: "vllm" | "tgi";
  gpuMemoryBytes: number;
  /** The card's total as CUDA reports it; the engines take their fractions of this. */
  cudaTotalBytes: number;
  weightsBytesPerGpu: number;
  activationBytes: number;
  nonTorchBytes: number;
  /** The part of `nonTorchBytes` the engine's profile books (and takes from the KV cache); the rest is on top. */
  nonTorchCountedBytes?: number;
  cudaGraphBytes: number;
  kvCacheBytesPerGpu: number;
  /** total × gpu_memory_utilization (vLLM) or the TGI memory fraction target. */
  budgetBytesPerGpu: number;
  /** What the card will really hold: the budget plus anything the engine does not count in it. */
  projectedUsedBytesPerGpu: number;
  kvBytesPerTokenPerGpu: number;
  kvCacheTokens: number;
  maxModelLen: number;
  maxConcurrency: number;
  fits: boolean;
  /** How sure the KV figure is (from held-out residuals of its class) and the fit verdict with that band. */
  uncertainty: KvUncertainty;
  maxModelLenThatFits: number;
  terms: BudgetTerm[];
  findings: Finding[];
  host: { ramBytes: number; shmBytes: number; cpus: number };
  /** Budget − weights − activation − non-torch (− graphs where the profile counts them) before flooring to blocks; negative when nothing is left. */
  availableKvBytesPerGpu?: number;
  /** The settings the engine will really use, defaults filled in. */
  settings?: BudgetSettings;
}

export interface BudgetSettings {
  /** Version profile, e.g. "v1-0.11to0.20" (vLLM) or "tgi-3" (TGI). */
  profile: string;
  tp: number;
  /** Pipeline stages (vLLM --pipeline-parallel-size); 1 without pipeline parallelism. */
  pp: number;
  blockSizeTokens: number;
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  /** Weight format, e.g. "16-bit", "GPTQ int4 g128". */
  weightFormat: string;
  totalParams: number;
  kvCacheDtypeBytes: number;
  /** TGI only: the limits the router will enforce. */
  maxInputTokens?: number;
  maxTotalTokens?: number;
  maxBatchPrefillTokens?: number;
}

/** One GPU cell of the grid: the instance segments stacked on it. */
export interface GpuBudget {
  hostId: string;
  gpuIndex: number;
  memoryBytes: number;
  segments: { instanceId: string; term: TermName; bytes: number }[];
  plannedBytes: number;
  freeBytes: number;
}

export interface LayoutBudget {
  instances: Record<string, InstanceBudget>;
  gpus: GpuBudget[];
  /** Layout-level budget findings (budget.unknown-model, budget.unknown-gpu); each instance's own are in `instances[id].findings`. */
  findings: Finding[];
}
