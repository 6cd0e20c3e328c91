import type { LayoutBudget } from "../../budget/types";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { instancesByHost } from "../../layout/instances-by-host";

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
  instances: {
    id: string;
    kvCacheTokens: number;
    /** Relative uncertainty of kvCacheTokens (the budget's band); 0 when there is no budget. */
    kvBand: number;
    maxConcurrency: number;
    maxModelLen: number;
    placed: boolean;
  }[];
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
  return {
    ramBytes: instance.limits.memoryBytes ?? needs?.ramBytes ?? 0,
    cpus: instance.limits.cpus ?? needs?.cpus ?? 0,
  };
}

/** `uses`: each host's use by id, in host order (default: worked out here); becomes the summary's `hosts`. */
export function summarize(
  layout: Layout,
  budget: LayoutBudget,
  uses: Map<string, HostUse> = hostUses(layout, budget),
): LayoutSummary {
  let kvTokensTotal = 0;
  const instances: LayoutSummary["instances"] = [];
  for (const instance of layout.instances) {
    const b = budget.instances[instance.id];
    const placement = instance.placement;
    if (b && placement) kvTokensTotal += b.kvCacheTokens;
    instances.push({
      id: instance.id,
      kvCacheTokens: b?.kvCacheTokens ?? 0,
      kvBand: b?.uncertainty.relative ?? 0,
      maxConcurrency: b?.maxConcurrency ?? 0,
      maxModelLen: b?.maxModelLen ?? 0,
      placed: !!placement && uses.has(placement.hostId),
    });
  }
  const all = [...uses.values()];
  const gpusTotal = all.reduce((s, h) => s + h.gpus, 0);
  const gpusUsed = all.reduce((s, h) => s + Math.min(h.gpus, h.gpusUsed), 0);
  return {
    gpusTotal,
    gpusUsed,
    gpusFree: gpusTotal - gpusUsed,
    kvTokensTotal,
    instances,
    unplaced: instances.filter((i) => !i.placed).length,
    ramPlannedBytes: all.reduce((s, h) => s + h.ramPlannedBytes, 0),
    ramBytes: all.reduce((s, h) => s + h.ramBytes, 0),
    cpusPlanned: all.reduce((s, h) => s + h.cpusPlanned, 0),
    cpuCores: all.reduce((s, h) => s + h.cpuCores, 0),
    hosts: uses,
  };
}

function hostUses(layout: Layout, budget: LayoutBudget): Map<string, HostUse> {
  const placedOn = instancesByHost(layout.instances);
  const uses = new Map<string, HostUse>();
  for (const host of layout.hosts) uses.set(host.id, hostUse(host, placedOn.get(host.id) ?? [], budget));
  return uses;
}

/** What the instances placed on a host (`placed`, in layout order) take of it. */
export function hostUse(host: Host, placed: readonly Instance[], budget: LayoutBudget): HostUse {
  const use: HostUse = {
    hostId: host.id,
    gpusUsed: 0,
    gpus: host.gpus.length,
    ramPlannedBytes: 0,
    ramBytes: host.ramBytes,
    cpusPlanned: 0,
    cpuCores: host.cpuCores,
  };
  const used = new Set<number>();
  for (const instance of placed) {
    for (const g of instance.placement!.gpuIndices) used.add(g);
    const claim = hostClaim(instance, budget);
    use.ramPlannedBytes += claim.ramBytes;
    use.cpusPlanned += claim.cpus;
  }
  use.gpusUsed = used.size;
  return use;
}
