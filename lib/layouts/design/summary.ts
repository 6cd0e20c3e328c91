import type { LayoutBudget } from "../../budget/types";
import type { Instance, Layout } from "../../layout/schema";

export interface HostUse {
  hostId: string;
  gpusUsed: number;
  gpus: number;
  ramPlannedBytes: number;
  ramBytes: number;
  cpusPlanned: number;
  cpuCores: number;
}

export interface LayoutSummary {
  gpusTotal: number;
  gpusUsed: number;
  gpusFree: number;
  kvTokensTotal: number;
  instances: { id: string; kvCacheTokens: number; maxConcurrency: number; maxModelLen: number; placed: boolean }[];
  unplaced: number;
  ramPlannedBytes: number;
  ramBytes: number;
  cpusPlanned: number;
  cpuCores: number;
  hosts: Map<string, HostUse>;
}

/** RAM and CPUs an instance asks of its host: its container limits, else what the budget estimates. */
export function hostClaim(instance: Instance, budget: LayoutBudget): { ramBytes: number; cpus: number } {
  const needs = budget.instances[instance.id]?.host;
  return { ramBytes: instance.limits.memoryBytes ?? needs?.ramBytes ?? 0, cpus: instance.limits.cpus ?? needs?.cpus ?? 0 };
}

export function summarize(layout: Layout, budget: LayoutBudget): LayoutSummary {
  const hosts = new Map<string, HostUse>();
  for (const h of layout.hosts) hosts.set(h.id, { hostId: h.id, gpusUsed: 0, gpus: h.gpus.length, ramPlannedBytes: 0, ramBytes: h.ramBytes, cpusPlanned: 0, cpuCores: h.cpuCores });
  const used = new Set<string>();
  let kvTokensTotal = 0;
  const instances: LayoutSummary["instances"] = [];
  for (const instance of layout.instances) {
    const b = budget.instances[instance.id];
    const placement = instance.placement;
    const use = placement ? hosts.get(placement.hostId) : undefined;
    if (b && placement) kvTokensTotal += b.kvCacheTokens;
    instances.push({ id: instance.id, kvCacheTokens: b?.kvCacheTokens ?? 0, maxConcurrency: b?.maxConcurrency ?? 0, maxModelLen: b?.maxModelLen ?? 0, placed: !!use });
    if (!use || !placement) continue;
    for (const g of placement.gpuIndices) used.add(`${placement.hostId}#${g}`);
    const claim = hostClaim(instance, budget);
    use.ramPlannedBytes += claim.ramBytes;
    use.cpusPlanned += claim.cpus;
  }
  for (const key of used) {
    const use = hosts.get(key.slice(0, key.lastIndexOf("#")));
    if (use) use.gpusUsed += 1;
  }
  const all = [...hosts.values()];
  const gpusTotal = all.reduce((s, h) => s + h.gpus, 0);
  const gpusUsed = all.reduce((s, h) => s + Math.min(h.gpus, h.gpusUsed), 0);
  return {
    gpusTotal, gpusUsed, gpusFree: gpusTotal - gpusUsed, kvTokensTotal, instances,
    unplaced: instances.filter((i) => !i.placed).length,
    ramPlannedBytes: all.reduce((s, h) => s + h.ramPlannedBytes, 0),
    ramBytes: all.reduce((s, h) => s + h.ramBytes, 0),
    cpusPlanned: all.reduce((s, h) => s + h.cpusPlanned, 0),
    cpuCores: all.reduce((s, h) => s + h.cpuCores, 0),
    hosts,
  };
}
