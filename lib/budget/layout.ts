import type { Finding } from "../vocabulary/finding";
import type { GpuSlot, Host, Instance, Layout } from "../vocabulary/layout-schema";
import { toGpuTarget, type BudgetModel, type GpuTarget } from "./common";
import { budgetSettings, stampInstance, type BudgetGpu } from "./instance";
import { GpuCells } from "./gpu-cells";
import type { InstanceBudget, LayoutBudget } from "./types";

export interface BudgetResolver {
  /** The architecture of an instance's model (catalog id or pasted config.json); undefined when unknown. Must be pure. */
  model(instance: Instance): BudgetModel | undefined;
  /** The GPU in a host's slot; undefined when the slot's gpuId is unknown (slot.memoryBytes then decides). */
  gpu(slot: GpuSlot, host: Host): BudgetGpu | undefined;
}

export interface LayoutBudgetOptions {
  /** Card that unplaced instances are budgeted against. */
  defaultGpu: BudgetGpu;
  /** Budgets by instance settings; reuse one across re-evaluations of an edited layout. */
  memo?: BudgetMemo;
}

/** Budgets keyed by everything that changes them (not id, name, placement or port). */
export class BudgetMemo {
  private readonly entries = new Map<string, { budget: InstanceBudget; computedFor: string }>();
  constructor(private readonly maxEntries = 4096) {}

  /** The instance's budget: worked out once per settings, findings stamped with the instance's id. */
  get(instance: Instance, model: BudgetModel, gpu: GpuTarget): InstanceBudget {
    const key = settingsKey(instance, gpu);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { budget: budgetSettings(instance, model, gpu), computedFor: instance.id };
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, entry);
    }
    return stampInstance(entry.budget, instance.id, entry.computedFor);
  }

  get size(): number {
    return this.entries.size;
  }
}

const memos = new WeakMap<BudgetResolver, BudgetMemo>();

function settingsKey(i: Instance, gpu: GpuTarget): string {
  return JSON.stringify([
    i.engine,
    i.engineVersion,
    i.model,
    i.modelConfig,
    i.quantization,
    i.dtype,
    i.kvCacheDtype,
    i.tp,
    i.maxModelLen,
    i.ropeScaling,
    i.gpuMemoryUtilization,
    i.maxNumSeqs,
    i.maxNumBatchedTokens,
    i.enforceEager,
    i.tgi,
    i.vllm,
    i.limits,
    gpu.memoryBytes,
    gpu.cudaTotalBytes,
    gpu.name,
    gpu.interconnect,
    gpu.peerToPeer,
    gpu.computeCapability,
    gpu.rocmArch,
    gpu.wsl2,
  ]);
}

/** Per-GPU plan of a whole layout: each instance's budget, stacked on the GPUs it is placed on. Pure. */
export function budgetLayout(layout: Layout, resolve: BudgetResolver, options: LayoutBudgetOptions): LayoutBudget {
  let memo = options.memo ?? memos.get(resolve);
  if (!memo) {
    memo = new BudgetMemo();
    memos.set(resolve, memo);
  }
  const cells = new GpuCells(layout.hosts, resolve);
  const defaultGpu = toGpuTarget(options.defaultGpu);
  const instances: Record<string, InstanceBudget> = {};
  const findings: Finding[] = [];

  for (const instance of layout.instances) {
    const placed = budgetPlaced(instance, cells, resolve, memo, defaultGpu, findings);
    if (!placed) continue;
    instances[instance.id] = placed.budget;
    if (placed.keys) cells.stack(instance, placed.keys, placed.budget);
  }
  return { instances, gpus: cells.finish(), findings };
}

/**
 * One instance's budget, on the smallest of its cards in `cells` (none there: on `defaultGpu`), and the keys of those
 * cards to stack it on. Undefined when the model does not resolve. Its layout-level findings go to `findings`.
 */
export function budgetPlaced(
  instance: Instance,
  cells: GpuCells | undefined,
  resolve: BudgetResolver,
  memo: BudgetMemo,
  defaultGpu: GpuTarget,
  findings: Finding[],
): { budget: InstanceBudget; keys?: string[] } | undefined {
  const model = resolve.model(instance);
  if (!model) {
    findings.push(unknownModelFinding(instance));
    return undefined;
  }
  const placed = instance.placement && cells ? cells.target(instance, findings) : undefined;
  return { budget: memo.get(instance, model, placed?.gpu ?? defaultGpu), keys: placed?.keys };
}

/** The model of an instance resolves to no architecture, so it cannot be budgeted. */
export function unknownModelFinding(instance: Instance): Finding {
  return {
    code: "budget.unknown-model",
    severity: "error",
    instanceId: instance.id,
    field: "model",
    message: `instance "${instance.id}": model "${instance.model}" is not in the catalog and has no pasted config.json, so its memory cannot be budgeted.`,
    fix: "pick a model from the catalog, or paste the model's config.json.",
  };
}
