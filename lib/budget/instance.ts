import type { GpuSpec } from "../catalog/types";
import type { Instance } from "../vocabulary/layout-schema";
import { toGpuTarget, type BudgetModel, type GpuTarget } from "./common";
import { budgetTgi } from "./tgi";
import type { InstanceBudget } from "./types";
import { budgetVllm } from "./vllm";

/** A GPU as the catalog describes it, a bare target, or just its memory in bytes. */
export type BudgetGpu = GpuSpec | GpuTarget | number;

/** The memory plan of one instance on one GPU of its TP group (all ranks get the same). Pure. */
export function budgetInstance(instance: Instance, model: BudgetModel, gpu: BudgetGpu): InstanceBudget {
  return stampInstance(budgetSettings(instance, model, toGpuTarget(gpu)), instance.id);
}

/** The budget without the instance's identity, so equal settings can share one computation. */
export function budgetSettings(instance: Instance, model: BudgetModel, gpu: GpuTarget): InstanceBudget {
  return instance.engine === "vllm" ? budgetVllm(instance, model, gpu) : budgetTgi(instance, model, gpu);
}

/**
 * The budget as `instanceId`'s, when it was worked out for `computedFor` (an instance with the same settings): its
 * findings get the instance's id, and their messages name it.
 */
export function stampInstance(budget: InstanceBudget, instanceId: string, computedFor = instanceId): InstanceBudget {
  if (budget.findings.length === 0) return budget;
  const from = `instance "${computedFor}"`;
  const to = `instance "${instanceId}"`;
  const named = (message: string) =>
    from !== to && message.startsWith(from) ? to + message.slice(from.length) : message;
  return { ...budget, findings: budget.findings.map((f) => ({ ...f, instanceId, message: named(f.message) })) };
}
