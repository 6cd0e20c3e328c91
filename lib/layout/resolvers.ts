/**
 * The catalog as the budget, the rules and placement need it: models and GPUs resolved once and cached
 * (catalog answers are pure), slot memory and names, and "does this model fit this card". Browser-safe.
 */
import type { BudgetModel } from "../budget/common";
import { budgetInstance, type BudgetGpu } from "../budget/instance";
import type { BudgetResolver } from "../budget/layout";
import { customGpu, findGpu, resolveModelArch } from "../catalog";
import type { GpuSpec } from "../catalog/types";
import type { PlaceOptions } from "./place";
import type { ArchResolver } from "./rules";
import type { GpuSlot, Instance } from "../vocabulary/layout-schema";

/** The card an unplaced instance is planned on until it is placed. */
export const DEFAULT_PLANNING_GPU: BudgetGpu = findGpu("h100-sxm") ?? 80 * 1024 ** 3;

const byModel = new Map<string, BudgetModel | null>();
const byConfig = new WeakMap<object, BudgetModel | null>();
const byGpu = new Map<string, GpuSpec | null>();

export function resolveModel(model: string, modelConfig?: Record<string, unknown>): BudgetModel | undefined {
  const cached = modelConfig ? byConfig.get(modelConfig) : byModel.get(model);
  if (cached !== undefined) return cached ?? undefined;
  const result = resolveModelArch(model, modelConfig);
  const resolved = "error" in result ? null : (result.entry ?? result.arch);
  if (modelConfig) byConfig.set(modelConfig, resolved);
  else byModel.set(model, resolved);
  return resolved ?? undefined;
}

export function gpuSpecOf(gpuId: string): GpuSpec | undefined {
  let hit = byGpu.get(gpuId);
  if (hit === undefined) {
    hit = findGpu(gpuId) ?? null;
    byGpu.set(gpuId, hit);
  }
  return hit ?? undefined;
}

/** A slot's card: the catalog's, or a custom one of the slot's own memory size. */
export function resolveGpu(slot: GpuSlot): BudgetGpu | undefined {
  const spec = gpuSpecOf(slot.gpuId);
  if (spec) return spec;
  return slot.memoryBytes ? customGpu(slot.memoryBytes, { name: slot.gpuId }) : undefined;
}

/** Memory of a slot: its own size when given, else the catalog GPU's (0 when unknown). */
export const slotMemoryBytes = (slot: GpuSlot): number => slot.memoryBytes ?? gpuSpecOf(slot.gpuId)?.memoryBytes ?? 0;
export const slotGpuName = (slot: GpuSlot): string => gpuSpecOf(slot.gpuId)?.name ?? slot.gpuId;

/** The model with the draft its --speculative-config names, when the catalog knows that draft. */
export function withDraftModel(instance: Instance, model: BudgetModel): BudgetModel {
  const draftId = instance.vllm?.speculative?.model;
  const draft = draftId ? resolveModel(draftId) : undefined;
  return draft ? { ...model, draft } : model;
}

/** The catalog as the budget's resolver: one object, so budgetLayout's per-resolver memo is shared. */
export const catalogBudgetResolver: BudgetResolver = {
  model: (instance: Instance) => {
    const model = resolveModel(instance.model, instance.modelConfig);
    return model && withDraftModel(instance, model);
  },
  gpu: (slot: GpuSlot) => resolveGpu(slot),
};

/** The catalog as the rules' architecture resolver. */
export const catalogArchResolver: ArchResolver = (model, modelConfig) => resolveModel(model, modelConfig);

/** Placement's `fits`: the budget engine says whether the model fits a card of this size. Unknown models are not blocked. */
export const budgetFits: NonNullable<PlaceOptions["fits"]> = (instance, gpu) => {
  const model = resolveModel(instance.model, instance.modelConfig);
  if (!model) return true;
  const card = gpuSpecOf(gpu.gpuId) ?? gpu.memoryBytes;
  if (card === undefined) return true;
  const budget = budgetInstance(instance, withDraftModel(instance, model), card);
  if (budget.fits) return true;
  const error = budget.findings.find((f) => f.severity === "error");
  return error ? error.message : `${instance.model} does not fit a ${gpu.gpuId} card at TP ${instance.tp}`;
};
