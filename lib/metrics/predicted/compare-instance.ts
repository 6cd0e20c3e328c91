import { budgetInstance, type BudgetGpu } from "../../budget/instance";
import { underWsl2 } from "../../budget/common";
import type { InstanceBudget } from "../../budget/types";
import { customGpu } from "../../catalog";
import type { GpuSpec } from "../../catalog/types";
import { gpuSpecOf, resolveModel } from "../../layout/resolvers";
import { instanceSchema, type Instance } from "../../vocabulary/layout-schema";
import type { MetricsHost, MetricsInstance } from "../targets/inventory";
import {
  type ActualSource,
  type ComparedTerm,
  errorPercent,
  type InstanceComparison,
  type TermComparison,
} from "./export-format";
import { bookedOverheads, type StartupFacts } from "./parse-startup-log";

/** What was observed of one running instance. */
export interface ObservedInstance {
  /** Memory in use per GPU index of the instance's host (dcgm-exporter's FB_USED). */
  gpuUsedBytes: ReadonlyMap<number, number>;
  /** vLLM's cache_config_info labels (block_size, num_gpu_blocks, …); null when not scraped. */
  cacheConfig: Readonly<Record<string, string>> | null;
  startup: StartupFacts;
  startupLines: readonly string[];
  /** The log is the simulator's (it says so on its per-GPU lines). */
  simulated: boolean;
  /** Planned bytes per GPU of every other instance on the same GPUs (shared cards). */
  othersPlannedBytes: ReadonlyMap<number, number>;
}

const int = (text: string | undefined): number | null => {
  const n = Number(text);
  return text !== undefined && Number.isSafeInteger(n) ? n : null;
};

function plannedGpu(
  instance: MetricsInstance,
  host: MetricsHost | undefined,
): { gpu: BudgetGpu; name: string; gpuId: string | null; memoryBytes: number } | null {
  const onHost = (gpu: GpuSpec): BudgetGpu => (instance.plannedGpu?.wsl2 ? underWsl2(gpu) : gpu);
  const spec = instance.plannedGpu ? gpuSpecOf(instance.plannedGpu.gpuId) : undefined;
  if (spec) return { gpu: onHost(spec), name: spec.name, gpuId: spec.id, memoryBytes: spec.memoryBytes };
  const memory =
    instance.plannedGpu?.memoryBytes ?? host?.gpus.find((g) => g.index === instance.gpuIndices[0])?.memoryBytes;
  if (!memory) return null;
  const name = instance.plannedGpu?.gpuId ?? host?.gpus[0]?.name ?? "custom";
  return { gpu: onHost(customGpu(memory, { name })), name, gpuId: null, memoryBytes: memory };
}

/** The planned budget of an instance as applied, on the GPU its plan chose; with what is missing to compute it. */
export function plannedBudget(
  instance: MetricsInstance,
  host: MetricsHost | undefined,
): { spec: Instance | null; budget: InstanceBudget | null; gpu: ReturnType<typeof plannedGpu>; problems: string[] } {
  const problems: string[] = [];
  const parsed = instanceSchema.safeParse(instance.spec);
  const gpu = plannedGpu(instance, host);
  if (!parsed.success) {
    problems.push(`the applied spec of ${instance.instanceKey} is not a valid instance: apply the layout again`);
    return { spec: null, budget: null, gpu, problems };
  }
  const model = resolveModel(parsed.data.model, parsed.data.modelConfig);
  if (!model)
    problems.push(`model ${parsed.data.model} is not in the catalog: paste its config.json in the designer to plan it`);
  if (!gpu)
    problems.push(
      `the GPU ${instance.instanceKey} was planned on is unknown: give the host's GPUs in Settings → Hosts`,
    );
  const budget = model && gpu ? budgetInstance(parsed.data, model, gpu.gpu) : null;
  return { spec: parsed.data, budget, gpu, problems };
}

/** Every budget term next to what was observed, with the error in %. */
export function compareInstance(
  instance: MetricsInstance,
  host: MetricsHost | undefined,
  observed: ObservedInstance,
): InstanceComparison {
  const { spec, budget, gpu, problems } = plannedBudget(instance, host);
  const s = observed.startup;
  const blockSize = int(observed.cacheConfig?.block_size) ?? s.kvCacheBlockSize ?? null;
  const gpuBlocks = int(observed.cacheConfig?.num_gpu_blocks) ?? s.gpuBlocks ?? s.kvCacheBlocks ?? null;
  const kvTokens =
    s.kvCacheTokens ??
    s.maxBatchTotalTokens ??
    (gpuBlocks !== null && blockSize !== null ? gpuBlocks * blockSize : null);
  const used = instance.gpuIndices.map((i) => observed.gpuUsedBytes.get(i)).filter((v): v is number => v !== undefined);
  const sharedGpu = instance.gpuIndices.some((i) => (observed.othersPlannedBytes.get(i) ?? 0) > 0);
  const others = Math.max(0, ...instance.gpuIndices.map((i) => observed.othersPlannedBytes.get(i) ?? 0));
  const plannedBlockSize = budget?.settings?.blockSizeTokens ?? null;

  const terms: TermComparison[] = [];
  const add = (
    term: ComparedTerm,
    unit: TermComparison["unit"],
    predicted: number | null | undefined,
    actual: number | null | undefined,
    source: ActualSource | null,
  ) => {
    const p = predicted ?? null;
    const a = actual ?? null;
    terms.push({
      term,
      unit,
      predicted: p,
      actual: a,
      errorPercent: errorPercent(p, a),
      actualSource: a === null ? null : source,
    });
  };
  // One GPU's memory: this instance's plan plus what other instances plan on the same card, against the card.
  add(
    "gpuMemoryUsed",
    "bytes",
    budget ? budget.projectedUsedBytesPerGpu + others : null,
    used.length ? Math.max(...used) : null,
    "gpu-exporter",
  );
  add("weights", "bytes", budget?.weightsBytesPerGpu, s.weightsBytes, "startup-log");
  const booked = bookedOverheads(s);
  add("activation", "bytes", budget?.activationBytes, booked.activationBytes, "startup-log");
  // What the engine books as non-torch memory; NCCL's communicators it leaves outside are not in its figure.
  add("nonTorch", "bytes", budget?.nonTorchCountedBytes ?? budget?.nonTorchBytes, booked.nonTorchBytes, "startup-log");
  add("cudaGraphs", "bytes", budget?.cudaGraphBytes, s.cudaGraphBytes, "startup-log");
  add(
    "availableKv",
    "bytes",
    budget ? (budget.availableKvBytesPerGpu ?? budget.kvCacheBytesPerGpu) : null,
    s.availableKvBytes ?? s.kvInUseBytes,
    "startup-log",
  );
  add(
    "kvCacheTokens",
    "tokens",
    budget?.kvCacheTokens,
    kvTokens,
    s.kvCacheTokens !== undefined || s.maxBatchTotalTokens !== undefined ? "startup-log" : "cache-config-info",
  );
  add(
    "kvBlocks",
    "blocks",
    budget && plannedBlockSize ? Math.floor(budget.kvCacheTokens / plannedBlockSize) : null,
    gpuBlocks,
    observed.cacheConfig?.num_gpu_blocks !== undefined ? "cache-config-info" : "startup-log",
  );
  add(
    "blockSize",
    "tokens",
    plannedBlockSize,
    blockSize,
    observed.cacheConfig?.block_size !== undefined ? "cache-config-info" : "startup-log",
  );
  add("maxConcurrency", "requests", budget?.maxConcurrency, s.maxConcurrency, "startup-log");

  return {
    instanceId: instance.id,
    instanceKey: instance.instanceKey,
    layoutName: instance.layoutName,
    revisionId: instance.revisionId,
    engine: instance.engine,
    engineVersion: spec?.engineVersion ?? null,
    model: instance.model,
    hostId: instance.hostId,
    hostName: instance.hostName,
    gpuIndices: instance.gpuIndices,
    gpu: {
      name: gpu?.name ?? "unknown",
      gpuId: gpu?.gpuId ?? null,
      memoryBytes: gpu?.memoryBytes ?? 0,
      count: spec?.tp ?? instance.gpuIndices.length,
    },
    settings: {
      tp: spec?.tp ?? instance.gpuIndices.length,
      gpuMemoryUtilization: spec?.gpuMemoryUtilization ?? 0.9,
      maxModelLen: budget?.maxModelLen ?? spec?.maxModelLen ?? null,
      maxNumSeqs: budget?.settings?.maxNumSeqs ?? spec?.maxNumSeqs ?? null,
      maxNumBatchedTokens: budget?.settings?.maxNumBatchedTokens ?? spec?.maxNumBatchedTokens ?? null,
      quantization: spec?.quantization ?? null,
      kvCacheDtype: spec?.kvCacheDtype ?? "auto",
      blockSize: plannedBlockSize,
      enforceEager: spec?.enforceEager ?? false,
      cudaMemoryFraction: spec?.engine === "tgi" ? (spec.tgi?.cudaMemoryFraction ?? 1) : null,
    },
    simulated: observed.simulated,
    sharedGpu,
    terms,
    startupLogLines: [...observed.startupLines],
    problems,
  };
}
