import { cudaTotalBytes } from "../catalog/gpus";
import type { GpuSpec, ModelArch } from "../catalog/types";
import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { estimateHostNeeds, hostLimitFindings, type HostNeeds } from "./host";
import { loraSlotBytes, speculativePlan } from "./extras";
import { kvBytesPerTokenPerLayer, kvDtypeBytes } from "./kv";
import { resolveMaxModelLen } from "./max-len";
import { resolveWeightFormat, type WeightFormat } from "./quantization";
import type { BudgetSettings, BudgetTerm, InstanceBudget, TermName } from "./types";
import { kvUncertainty, type UncertaintyClassInput } from "./uncertainty";
import { gib } from "./units";
import { estimateWeights, type WeightsEstimate } from "./weights";

/**
 * A model architecture, optionally with its catalog facts (checkpoint size on disk) and the architecture of the draft
 * model its speculative config names (resolved by the caller, lib/layout/resolvers.ts).
 */
export type BudgetModel = ModelArch & { checkpointBytes?: number; draft?: ModelArch };

/** The card one rank runs on. */
export interface GpuTarget {
  /** Total memory as nvidia-smi reports it. */
  memoryBytes: number;
  /** Total memory as CUDA reports it, which the engines size themselves from. */
  cudaTotalBytes: number;
  name: string;
  interconnect: "nvlink" | "pcie";
  /** False where cards have no peer-to-peer access (GeForce 40 series and later). */
  peerToPeer?: boolean;
  computeCapability?: number;
  /** The AMD ISA ROCm builds for; absent on NVIDIA cards. */
  rocmArch?: string;
  /** The host reaches the card through WSL2 (Docker Desktop on Windows): CUDA there keeps more outside torch. */
  wsl2?: boolean;
}

/** The card as a host under WSL2 reaches it (the budget then adds WSL2's CUDA overhead). */
export const underWsl2 = (gpu: GpuSpec | GpuTarget | number): GpuTarget => ({ ...toGpuTarget(gpu), wsl2: true });

/** A bare number is the card's memory as CUDA reports it (what vLLM logs as total_gpu_memory). */
export function toGpuTarget(gpu: GpuSpec | GpuTarget | number): GpuTarget {
  if (typeof gpu === "number")
    return {
      memoryBytes: gpu,
      cudaTotalBytes: gpu,
      name: `GPU ${(gpu / 2 ** 30).toFixed(1)} GiB`,
      interconnect: "pcie",
    };
  return {
    memoryBytes: gpu.memoryBytes,
    cudaTotalBytes: cudaTotalBytes(gpu),
    name: gpu.name,
    interconnect: gpu.interconnect,
    ...(gpu.peerToPeer === undefined ? {} : { peerToPeer: gpu.peerToPeer }),
    ...(gpu.computeCapability === undefined ? {} : { computeCapability: gpu.computeCapability }),
    ...(gpu.rocmArch === undefined ? {} : { rocmArch: gpu.rocmArch }),
    ...("wsl2" in gpu && gpu.wsl2 ? { wsl2: true } : {}),
  };
}

/** What both engines compute the same way. */
export interface Prepared {
  format: WeightFormat;
  weights: WeightsEstimate;
  /** Weights + LoRA slots + speculative draft − CPU-offloaded bytes: what the rank really holds. */
  weightsBytesPerGpu: number;
  weightsExplanation: string;
  kvDtypeBytes: number;
  kvBytesPerTokenPerGpu: number;
  maxModelLen: number;
  derivedMaxModelLen: number;
  /** Pipeline stages. */
  pp: number;
  host: HostNeeds;
  findings: Finding[];
}

export function prepare(
  instance: Instance,
  model: BudgetModel,
  vocabPadding: number,
  swapSpaceBytesPerGpu: number,
  /** The engine caches MLA's latent rather than expanded K/V (vLLM ≥ 0.7.1). */
  mlaLatent = true,
): Prepared {
  const v = instance.vllm;
  const pp = v?.pipelineParallelSize ?? 1;
  const format = resolveWeightFormat(model, instance.quantization, instance.dtype);
  const weights = estimateWeights(model, { tp: instance.tp, vocabPadding, format, pp });
  const dtypeBytes = kvDtypeBytes(instance.kvCacheDtype, instance.dtype);
  const maxLen = resolveMaxModelLen(instance, model);
  const checkpointBytes =
    model.checkpointBytes ?? estimateWeights(model, { tp: 1, vocabPadding: 1, format }).weightsBytesPerGpu;
  const swap = v?.swapSpaceBytes ?? swapSpaceBytesPerGpu;
  const host = estimateHostNeeds({
    engine: instance.engine,
    tp: instance.tp * pp,
    checkpointBytes,
    swapSpaceBytesPerGpu: swap,
    cpuOffloadBytesPerGpu: v?.cpuOffloadBytes ?? 0,
  });
  const layersPerStage = Math.ceil(model.numLayers / pp);
  const targetKv = layersPerStage * kvBytesPerTokenPerLayer(model, instance.tp, dtypeBytes, mlaLatent);
  const lora = v?.lora ? loraSlotBytes(model, instance.tp, v.lora, 2) / pp : 0;
  const spec = speculativePlan(model, model.draft, v?.speculative, instance.tp, dtypeBytes, (draft) => {
    const draftFormat = resolveWeightFormat(draft, undefined, instance.dtype);
    return estimateWeights(draft, { tp: instance.tp, vocabPadding, format: draftFormat }).weightsBytesPerGpu;
  });
  const offload = Math.min(v?.cpuOffloadBytes ?? 0, weights.weightsBytesPerGpu);
  const weightsBytesPerGpu = Math.max(0, weights.weightsBytesPerGpu + lora + spec.weightsBytes - offload);
  const extras = [
    lora ? `+ ${gib(lora)} LoRA slots (${v?.lora?.maxLoras} × rank ${v?.lora?.maxLoraRank})` : "",
    spec.weightsBytes ? `+ ${gib(spec.weightsBytes)} ${spec.explanation}` : "",
    offload ? `− ${gib(offload)} offloaded to CPU (--cpu-offload-gb)` : "",
  ].filter(Boolean);
  return {
    format,
    weights,
    weightsBytesPerGpu,
    weightsExplanation: extras.length ? `${weights.explanation} ${extras.join(" ")}` : weights.explanation,
    kvDtypeBytes: dtypeBytes,
    kvBytesPerTokenPerGpu: targetKv + spec.kvBytesPerToken,
    maxModelLen: maxLen.maxModelLen,
    derivedMaxModelLen: maxLen.derivedMaxModelLen,
    pp,
    host,
    findings: hostLimitFindings(instance, host),
  };
}

export const term = (name: TermName, bytes: number, explanation: string): BudgetTerm => ({
  name,
  bytes: Math.max(0, Math.round(bytes)),
  explanation,
});

/** Needed gpu_memory_utilization (or memory fraction), rounded up to 0.01. */
export const fractionNeeded = (bytes: number, memoryBytes: number): number =>
  Math.ceil((bytes / memoryBytes) * 100) / 100;

/** What each engine computes its own way; `assembleBudget` adds what `prepare` already knows. */
export type EngineBudgetParts = Pick<
  InstanceBudget,
  | "engine"
  | "gpuMemoryBytes"
  | "activationBytes"
  | "nonTorchBytes"
  | "nonTorchCountedBytes"
  | "cudaGraphBytes"
  | "budgetBytesPerGpu"
  | "projectedUsedBytesPerGpu"
  | "maxModelLen"
  | "maxConcurrency"
  | "fits"
  | "maxModelLenThatFits"
  | "terms"
  | "findings"
  | "cudaTotalBytes"
> & {
  kv: { bytes: number; tokens: number };
  availableKvBytesPerGpu: number;
  settings: Omit<BudgetSettings, "tp" | "pp" | "weightFormat" | "totalParams" | "kvCacheDtypeBytes">;
  /** Where the uncertainty band comes from: the release profile and what else decides the class. */
  uncertaintyClass: UncertaintyClassInput;
};

export function assembleBudget(instance: Instance, p: Prepared, parts: EngineBudgetParts): InstanceBudget {
  const { kv, settings, maxConcurrency, uncertaintyClass, ...rest } = parts;
  return {
    ...rest,
    uncertainty: kvUncertainty(uncertaintyClass, kv.tokens, parts.fits, parts.maxModelLen),
    weightsBytesPerGpu: p.weightsBytesPerGpu,
    kvCacheBytesPerGpu: kv.bytes,
    kvCacheTokens: kv.tokens,
    kvBytesPerTokenPerGpu: p.kvBytesPerTokenPerGpu,
    maxConcurrency: Math.floor(maxConcurrency * 100) / 100,
    host: { ramBytes: p.host.ramBytes, shmBytes: p.host.shmBytes, cpus: p.host.cpus },
    settings: {
      ...settings,
      tp: instance.tp,
      pp: p.pp,
      weightFormat: p.format.label,
      totalParams: p.weights.totalParams,
      kvCacheDtypeBytes: p.kvDtypeBytes,
    },
  };
}
