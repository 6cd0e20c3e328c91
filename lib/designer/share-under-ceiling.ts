import { budgetInstance, type BudgetGpu } from "../budget/instance";
import { resolveModel } from "../layout/resolvers";
import { floorHundredth, memoryFractionOf } from "../layout/rules/describe";
import type { Instance } from "../vocabulary/layout-schema";

/** vLLM's --gpu-memory-utilization and TGI's --cuda-memory-fraction when not given. */
export const ENGINE_DEFAULT_SHARE: Record<Instance["engine"], number> = { vllm: 0.9, tgi: 1 };
const LOWEST_SHARE = 0.05;

/** The instance with its memory share (vLLM gpu_memory_utilization, TGI cuda_memory_fraction) set to `share`. */
export function withShare(instance: Instance, share: number): Instance {
  return instance.engine === "vllm"
    ? { ...instance, gpuMemoryUtilization: share }
    : { ...instance, tgi: { ...instance.tgi, cudaMemoryFraction: share } };
}

/**
 * The memory share a new instance starts with: the largest hundredth, at most the engine's default, whose projected
 * use of each card (what the engine does not count, such as CUDA graphs and the CUDA context, on top) stays at or
 * under the ceiling. A model or card the catalog does not know: the engine's default, capped at the ceiling.
 */
export function shareUnderCeiling(instance: Instance, gpu: BudgetGpu, ceiling: number): number {
  const start = Math.min(ENGINE_DEFAULT_SHARE[instance.engine], floorHundredth(ceiling));
  const model = resolveModel(instance.model, instance.modelConfig);
  if (!model) return start;
  const fits = (share: number) => {
    const budget = budgetInstance(withShare(instance, share), model, gpu);
    return budget.gpuMemoryBytes > 0 && budget.projectedUsedBytesPerGpu <= ceiling * budget.gpuMemoryBytes;
  };
  if (fits(start)) return start;
  // Projected use grows with the share: binary search over hundredths for the largest that fits.
  let lo = Math.round(LOWEST_SHARE * 100);
  let hi = Math.round(start * 100) - 1;
  if (!fits(lo / 100)) return LOWEST_SHARE;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid / 100)) lo = mid;
    else hi = mid - 1;
  }
  return lo / 100;
}

/** Whether the instance's share is the one shareUnderCeiling picks (the form's hint says so). */
export const isCeilingShare = (instance: Instance, gpu: BudgetGpu, ceiling: number): boolean =>
  memoryFractionOf(instance) === shareUnderCeiling(instance, gpu, ceiling);
