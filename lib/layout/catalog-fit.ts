/** The catalog and the budget engine as placement and budgeting need them: model resolution, GPU memory, fits. */
import { type BudgetModel, budgetInstance } from "../budget";
import { findGpu, resolveModelArch } from "../catalog";
import type { PlaceOptions } from "./place";
import type { GpuSlot, Instance } from "./schema";

export function resolveBudgetModel(instance: Pick<Instance, "model" | "modelConfig">): BudgetModel | undefined {
  const resolved = resolveModelArch(instance.model, instance.modelConfig);
  if ("error" in resolved) return undefined;
  return resolved.entry?.checkpointBytes === undefined ? resolved.arch : { ...resolved.arch, checkpointBytes: resolved.entry.checkpointBytes };
}

/** A slot's memory: its own memoryBytes, else the catalog's for its gpuId. */
export const slotMemoryBytes = (slot: GpuSlot): number | undefined => slot.memoryBytes ?? findGpu(slot.gpuId)?.memoryBytes;


/** Placement's `fits`: the budget engine says whether the model fits a card of this size. Unknown models are not blocked. */
export const budgetFits: NonNullable<PlaceOptions["fits"]> = (instance, gpu) => {
  const model = resolveBudgetModel(instance);
  if (!model) return true;
  const budget = budgetInstance(instance, model, findGpu(gpu.gpuId) ?? gpu.memoryBytes);
  if (budget.fits) return true;
  const error = budget.findings.find((f) => f.severity === "error");
  return error ? error.message : `${instance.model} does not fit a ${gpu.gpuId} card at TP ${instance.tp}`;
};
