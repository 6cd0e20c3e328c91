import type { BudgetResolver } from "../budget/layout";
import type { BudgetModel } from "../budget/common";
import type { BudgetGpu } from "../budget/instance";
import { findGpu, findModel, resolveModelArch } from "../catalog";
import type { GpuSpec, ModelArch } from "../catalog/types";
import type { ArchResolver, ModelLookup } from "../layout/rules";
import type { GpuSlot, Instance } from "../layout/schema";

/** Catalog answers are pure, so they are cached for the life of the page. */
const byModel = new Map<string, BudgetModel | null>();
const byConfig = new WeakMap<object, BudgetModel | null>();
const byGpu = new Map<string, GpuSpec | null>();

function resolveModel(model: string, modelConfig?: Record<string, unknown>): BudgetModel | undefined {
  if (modelConfig) {
    let hit = byConfig.get(modelConfig);
    if (hit === undefined) {
      const result = resolveModelArch(model, modelConfig);
      hit = "arch" in result ? result.arch : null;
      byConfig.set(modelConfig, hit);
    }
    return hit ?? undefined;
  }
  let hit = byModel.get(model);
  if (hit === undefined) {
    const result = resolveModelArch(model);
    hit = "arch" in result ? { ...result.arch, ...(result.entry?.checkpointBytes ? { checkpointBytes: result.entry.checkpointBytes } : {}) } : null;
    byModel.set(model, hit);
  }
  return hit ?? undefined;
}

export function gpuSpecOf(gpuId: string): GpuSpec | undefined {
  let hit = byGpu.get(gpuId);
  if (hit === undefined) {
    hit = findGpu(gpuId) ?? null;
    byGpu.set(gpuId, hit);
  }
  return hit ?? undefined;
}

/** Memory of a slot: its own size when given, else the catalog GPU's. */
export const slotMemoryBytes = (slot: GpuSlot): number => slot.memoryBytes ?? gpuSpecOf(slot.gpuId)?.memoryBytes ?? 0;
export const slotGpuName = (slot: GpuSlot): string => gpuSpecOf(slot.gpuId)?.name ?? slot.gpuId;

/** One resolver object for the whole app: lib/budget keys its memo on it. */
export const catalogResolver: BudgetResolver = {
  model: (instance: Instance) => resolveModel(instance.model, instance.modelConfig),
  gpu: (slot: GpuSlot): BudgetGpu | undefined => gpuSpecOf(slot.gpuId),
};

export const archResolver: ArchResolver = (model, modelConfig): ModelArch | undefined => resolveModel(model, modelConfig);

export const modelLookup: ModelLookup = { findModel: (id) => findModel(id) };

/** Unplaced instances are budgeted against this card until they are placed. */
export const DEFAULT_PLANNING_GPU: BudgetGpu = findGpu("h100-sxm") ?? 80 * 1024 ** 3;
