import type { GpuSpec, ModelArch } from "../catalog/types";
import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { estimateHostNeeds, hostLimitFindings, type HostNeeds } from "./host";
import { kvBytesPerTokenPerGpu, kvDtypeBytes } from "./kv";
import { resolveMaxModelLen } from "./max-len";
import { resolveWeightFormat, type WeightFormat } from "./quantization";
import type { BudgetSettings, BudgetTerm, InstanceBudget, TermName } from "./types";
import { estimateWeights, type WeightsEstimate } from "./weights";

/** A model architecture, optionally with its catalog facts (checkpoint size on disk). */
export type BudgetModel = ModelArch & { checkpointBytes?: number };

/** The card one rank runs on. */
export interface GpuTarget {
  memoryBytes: number;
  name: string;
  interconnect: "nvlink" | "pcie";
}

export function toGpuTarget(gpu: GpuSpec | GpuTarget | number): GpuTarget {
  if (typeof gpu === "number")
    return { memoryBytes: gpu, name: `GPU ${(gpu / 2 ** 30).toFixed(1)} GiB`, interconnect: "pcie" };
  return { memoryBytes: gpu.memoryBytes, name: gpu.name, interconnect: gpu.interconnect };
}

/** What both engines compute the same way. */
export interface Prepared {
  format: WeightFormat;
  weights: WeightsEstimate;
  kvDtypeBytes: number;
  kvBytesPerTokenPerGpu: number;
  maxModelLen: number;
  derivedMaxModelLen: number;
  host: HostNeeds;
  findings: Finding[];
}

export function prepare(
  instance: Instance,
  model: BudgetModel,
  vocabPadding: number,
  swapSpaceBytesPerGpu: number,
): Prepared {
  const format = resolveWeightFormat(model, instance.quantization, instance.dtype);
  const weights = estimateWeights(model, { tp: instance.tp, vocabPadding, format });
  const dtypeBytes = kvDtypeBytes(instance.kvCacheDtype, instance.dtype);
  const maxLen = resolveMaxModelLen(instance, model);
  const checkpointBytes =
    model.checkpointBytes ?? estimateWeights(model, { tp: 1, vocabPadding: 1, format }).weightsBytesPerGpu;
  const host = estimateHostNeeds({ engine: instance.engine, tp: instance.tp, checkpointBytes, swapSpaceBytesPerGpu });
  return {
    format,
    weights,
    kvDtypeBytes: dtypeBytes,
    kvBytesPerTokenPerGpu: kvBytesPerTokenPerGpu(model, instance.tp, dtypeBytes),
    maxModelLen: maxLen.maxModelLen,
    derivedMaxModelLen: maxLen.derivedMaxModelLen,
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
  | "cudaGraphBytes"
  | "budgetBytesPerGpu"
  | "projectedUsedBytesPerGpu"
  | "maxModelLen"
  | "maxConcurrency"
  | "fits"
  | "maxModelLenThatFits"
  | "terms"
  | "findings"
> & {
  kv: { bytes: number; tokens: number };
  availableKvBytesPerGpu: number;
  settings: Omit<BudgetSettings, "tp" | "weightFormat" | "totalParams" | "kvCacheDtypeBytes">;
};

export function assembleBudget(instance: Instance, p: Prepared, parts: EngineBudgetParts): InstanceBudget {
  const { kv, settings, maxConcurrency, ...rest } = parts;
  return {
    ...rest,
    weightsBytesPerGpu: p.weights.weightsBytesPerGpu,
    kvCacheBytesPerGpu: kv.bytes,
    kvCacheTokens: kv.tokens,
    kvBytesPerTokenPerGpu: p.kvBytesPerTokenPerGpu,
    maxConcurrency: Math.floor(maxConcurrency * 100) / 100,
    host: { ramBytes: p.host.ramBytes, shmBytes: p.host.shmBytes, cpus: p.host.cpus },
    settings: {
      ...settings,
      tp: instance.tp,
      weightFormat: p.format.label,
      totalParams: p.weights.totalParams,
      kvCacheDtypeBytes: p.kvDtypeBytes,
    },
  };
}
