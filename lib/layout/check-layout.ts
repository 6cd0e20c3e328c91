/**
 * The one entry point for "what is wrong with this layout / instance": the memory budget (lib/budget) and the
 * configuration rules (lib/layout/rules), each check owned by one of them, returned together — errors first, each
 * problem once. What the UI, `layout validate`, `check` and `estimate` call. Pure and browser-safe: catalog
 * lookups only, no node: imports.
 *
 * Who owns what:
 * - lib/budget: what only the memory numbers can say — budget.max-model-len-does-not-fit, budget.no-kv-memory,
 *   budget.tgi-no-kv-memory, budget.tgi-max-total-does-not-fit, budget.over-card, budget.shm-too-small,
 *   budget.container-memory-too-small, budget.container-cpus-too-few, budget.unknown-model, budget.unknown-gpu,
 *   budget.tgi-prefill-below-input.
 * - lib/layout/rules: configuration and layout — context.*, quant.*, tgi.*, tp.*, placement.*, layout.*, gpu.*
 *   (shared claims past 1, shared cards overfilled, the 90 % ceiling), host.* (RAM and CPU over the host).
 */
import type { BudgetModel } from "../budget/common";
import { budgetInstance, type BudgetGpu } from "../budget/instance";
import { budgetLayout, unknownModelFinding, type BudgetMemo } from "../budget/layout";
import type { InstanceBudget, LayoutBudget } from "../budget/types";
import type { LayoutCheckCache } from "./check-cache";
import type { Finding } from "../vocabulary/finding";
import { orderFindings } from "./order-findings";
import { checkInstanceVram, validateInstance, validateLayout, VRAM_WARNING_FRACTION, type ModelLookup } from "./rules";
import { catalogLookup } from "../catalog/catalog-lookup";
import { catalogArchResolver, catalogBudgetResolver, DEFAULT_PLANNING_GPU, resolveModel } from "./resolvers";
import type { Instance, Layout } from "../vocabulary/layout-schema";

export interface CheckLayoutOptions {
  /** Card that unplaced instances are budgeted against. Default: H100 SXM 80GB. */
  defaultGpu?: BudgetGpu;
  /** Budgets by instance settings; keep one per editor and pass it on every re-check. */
  memo?: BudgetMemo;
  /** Keep one per editor and pass it on every re-check: only what an edit changed is checked again (memo is then its own). */
  cache?: LayoutCheckCache;
  /** Planned VRAM above this share of a card is a warning (the admin's setting; default 0.9, the seed's 90 %). */
  vramCeiling?: number;
}

export interface LayoutCheck {
  budget: LayoutBudget;
  /** Budget and rule findings: errors first, one per (code, instance, host, GPU). */
  findings: Finding[];
}

export interface InstanceCheck {
  /** Undefined when no GPU was given or the model cannot be resolved (then only the rules ran). */
  budget?: InstanceBudget;
  findings: Finding[];
}

export interface CheckInstanceOptions {
  /** The model's architecture when the caller has it (e.g. from a config.json file); default: the catalog's. */
  model?: BudgetModel;
  lookup?: ModelLookup;
  /** As in CheckLayoutOptions. */
  vramCeiling?: number;
}

/** Budget and rules for a whole layout, each problem once. */
export function checkLayout(layout: Layout, options: CheckLayoutOptions = {}): LayoutCheck {
  const defaultGpu = options.defaultGpu ?? DEFAULT_PLANNING_GPU;
  const ceiling = options.vramCeiling ?? VRAM_WARNING_FRACTION;
  const cached = options.cache?.check(layout, defaultGpu, ceiling);
  if (cached) return cached;
  const budget = budgetLayout(layout, catalogBudgetResolver, { defaultGpu, memo: options.memo ?? options.cache?.memo });
  const budgetFindings = [
    ...budget.findings,
    ...layout.instances.flatMap((i) => budget.instances[i.id]?.findings ?? []),
  ];
  const ruleFindings = validateLayout(layout, budget, catalogArchResolver, catalogLookup, ceiling);
  return { budget, findings: orderFindings([...budgetFindings, ...ruleFindings]) };
}

/**
 * One instance on its own (a pasted command, the estimate CLI): the rules always; with a `gpu`, the budget on it
 * (budget.unknown-model when the model does not resolve) and the 90 % ceiling of its cards.
 */
export function checkInstance(
  instance: Instance,
  gpu: BudgetGpu,
  options: CheckInstanceOptions & { model: BudgetModel },
): InstanceCheck & { budget: InstanceBudget };
export function checkInstance(instance: Instance, gpu?: BudgetGpu, options?: CheckInstanceOptions): InstanceCheck;
export function checkInstance(instance: Instance, gpu?: BudgetGpu, options: CheckInstanceOptions = {}): InstanceCheck {
  const model = options.model ?? resolveModel(instance.model, instance.modelConfig);
  const findings = validateInstance(instance, model, options.lookup ?? catalogLookup);
  if (gpu === undefined) return { findings: orderFindings(findings) };
  if (!model) return { findings: orderFindings([...findings, unknownModelFinding(instance)]) };
  const budget = budgetInstance(instance, model, gpu);
  return {
    budget,
    findings: orderFindings([
      ...budget.findings,
      ...findings,
      ...checkInstanceVram(instance, budget, options.vramCeiling),
    ]),
  };
}

export { orderFindings } from "./order-findings";
export { catalogArchResolver, catalogBudgetResolver, DEFAULT_PLANNING_GPU } from "./resolvers";
