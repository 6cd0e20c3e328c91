import type { LayoutBudget } from "../../budget/types";
import type { ModelArch } from "../../catalog/types";
import type { Finding } from "../../vocabulary/finding";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { catalogLookup } from "../../catalog/catalog-lookup";
import { checkContextLength } from "./context-length";
import { checkGpuSharing } from "./gpu-sharing";
import { checkHostResources } from "./host-resources";
import { checkFp8BlockTp } from "./fp8-blocks";
import { checkGpuMemory } from "./memory";
export { checkInstanceVram, VRAM_WARNING_FRACTION } from "./memory";
import { checkPlacement } from "./placement";
import { checkQuantization } from "./quantization";
import type { ModelLookup } from "../../catalog/quantized-sibling";
import { checkTensorParallel } from "./tensor-parallel";
import { checkTgiLimits } from "./tgi-limits";

export type ArchResolver = (model: string, modelConfig?: Record<string, unknown>) => ModelArch | undefined;

export type { ModelLookup } from "../../catalog/quantized-sibling";

/** Findings about one instance on its own: shards, context length, quantization, TGI limits. */
export function validateInstance(
  instance: Instance,
  arch: ModelArch | undefined,
  lookup: ModelLookup = catalogLookup,
): Finding[] {
  const findings = checkTgiLimits(instance);
  if (!arch) return findings;
  return [
    ...checkTensorParallel(instance, arch),
    ...checkContextLength(instance, arch),
    ...checkQuantization(instance, arch, lookup),
    ...checkFp8BlockTp(instance, arch),
    ...findings,
  ];
}

/**
 * Findings about a whole layout: every instance, placement, shared GPUs, memory, host resources. With a budget, it
 * judges the planned bytes per card and host; the budget's own findings (fit, over-card, container limits, unknown
 * model or GPU) are not repeated here. lib/layout/check-layout.ts runs both and returns them together.
 */
export function validateLayout(
  layout: Layout,
  budget?: LayoutBudget,
  resolve?: ArchResolver,
  lookup: ModelLookup = catalogLookup,
  vramCeiling?: number,
): Finding[] {
  return [
    ...layout.instances.flatMap((instance) =>
      validateInstance(instance, resolve?.(instance.model, instance.modelConfig), lookup),
    ),
    ...checkPlacement(layout),
    ...checkGpuSharing(layout),
    ...(budget ? checkGpuMemory(layout, budget, vramCeiling) : []),
    ...checkHostResources(layout, budget),
  ];
}
