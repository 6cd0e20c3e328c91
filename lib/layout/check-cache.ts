import { toGpuTarget, type GpuTarget } from "../budget/common";
import { GpuCells } from "../budget/gpu-cells";
import type { BudgetGpu } from "../budget/instance";
import { BudgetMemo, budgetPlaced } from "../budget/layout";
import type { GpuBudget, InstanceBudget } from "../budget/types";
import { catalogArchResolver, catalogBudgetResolver } from "./resolvers";
import type { LayoutCheck } from "./check-layout";
import type { Finding } from "../vocabulary/finding";
import { findingKey, orderFindings } from "./order-findings";
import { instancesByHost } from "./instances-by-host";
import { validateInstance } from "./rules";
import { catalogLookup } from "../catalog/catalog-lookup";
import { inLayoutOrder, sharedGroupsOn, sharingFinding } from "./rules/gpu-sharing";
import { checkHostResourcesOn } from "./rules/host-resources";
import { judgeGpuMemory, VRAM_WARNING_FRACTION } from "./rules/memory";
import { checkInstancePlacement, checkPortsOn } from "./rules/placement";
import type { Host, Instance, Layout } from "../vocabulary/layout-schema";

/** What one instance object contributes, as checked against `host` (undefined: unplaced, or on a host the layout lacks). */
interface InstancePart {
  host: Host | undefined;
  /** The layout's hosts when checked: an unknown host's finding lists them. */
  hosts: readonly Host[];
  budget: InstanceBudget | undefined;
  /** The cards it is stacked on. */
  keys: string[] | undefined;
  /** budget.unknown-model, budget.unknown-gpu. */
  budgetFindings: Finding[];
  placement: Finding[];
  rules: Finding[];
}

/** One host's share of the check: the same object while the host and the instances on it (by identity, in order) are. */
export interface HostPart {
  /** Undefined: instances are placed on a host id the layout lacks. */
  host: Host | undefined;
  /** The instances placed on it, in layout order. */
  placed: readonly Instance[];
  /** Its cards' plan, in slot order. */
  gpus: readonly GpuBudget[];
  /** layout.port-clash and gpu.shared-fraction-overcommit, with the instance whose place in the layout orders them. */
  ports: Ordered[];
  sharing: Ordered[];
  memory: Finding[];
  resources: Finding[];
}

interface Ordered {
  instance: Instance;
  finding: Finding;
}

const NONE: readonly Instance[] = [];

/**
 * What checkLayout keeps between checks of one edited layout (pass one per editor as its `cache`): each instance
 * object's budget and own findings, and each host's plan and rules, redone only for what changed. Same results as a
 * check from scratch; layouts with repeated host ids, instance ids or GPU indices are left to the check from scratch.
 */
export class LayoutCheckCache {
  readonly memo = new BudgetMemo();
  /** The layout of the last check it took; undefined after one it declined. */
  checked: Layout | undefined;
  private instances = new WeakMap<Instance, InstancePart>();
  private hosts = new Map<string, HostPart>();
  private byId = new Map<string, Instance>();
  private readonly keys = new WeakMap<Finding, string>();
  private hostIndex: { hosts: readonly Host[]; byId: Map<string, Host> | undefined } | undefined;
  private defaultGpu: { gpu: BudgetGpu; target: GpuTarget } | undefined;
  private ceiling = VRAM_WARNING_FRACTION;

  /** The part of `hostId` in the last check. */
  hostPart(hostId: string): HostPart | undefined {
    return this.hosts.get(hostId);
  }

  /** The instance with this id in the last check. */
  instance(id: string): Instance | undefined {
    return this.byId.get(id);
  }

  /** checkLayout's result, or undefined for a layout this cache does not take. */
  check(layout: Layout, defaultGpu: BudgetGpu, ceiling = VRAM_WARNING_FRACTION): LayoutCheck | undefined {
    const hostsById = this.indexHosts(layout.hosts);
    const byId = new Map<string, Instance>();
    if (hostsById) for (const instance of layout.instances) byId.set(instance.id, instance);
    if (!hostsById || byId.size !== layout.instances.length) {
      this.hosts.clear();
      this.byId.clear();
      this.checked = undefined;
      return undefined;
    }
    if (this.defaultGpu?.gpu !== defaultGpu) {
      this.instances = new WeakMap();
      this.hosts.clear();
      this.defaultGpu = { gpu: defaultGpu, target: toGpuTarget(defaultGpu) };
    }
    if (this.ceiling !== ceiling) {
      this.hosts.clear();
      this.ceiling = ceiling;
    }
    const cells = new Map<string, GpuCells>();
    const parts = layout.instances.map((instance) => {
      const hostId = instance.placement?.hostId;
      return this.instancePart(instance, hostId === undefined ? undefined : hostsById.get(hostId), layout.hosts, cells);
    });
    const placedOn = instancesByHost(layout.instances);
    const hosts = new Map<string, HostPart>();
    for (const host of layout.hosts)
      hosts.set(host.id, this.checkHost(host.id, host, placedOn.get(host.id) ?? NONE, cells));
    for (const [hostId, placed] of placedOn)
      if (!hosts.has(hostId)) hosts.set(hostId, this.checkHost(hostId, undefined, placed, cells));
    this.hosts = hosts;
    this.byId = byId;
    this.checked = layout;
    return this.assemble(layout, parts, hosts);
  }

  private assemble(layout: Layout, parts: readonly InstancePart[], hosts: ReadonlyMap<string, HostPart>): LayoutCheck {
    const instances: Record<string, InstanceBudget> = {};
    const budgetFindings: Finding[] = [];
    parts.forEach((part, k) => {
      if (part.budget) instances[layout.instances[k]!.id] = part.budget;
      append(budgetFindings, part.budgetFindings);
    });
    const gpus: GpuBudget[] = [];
    for (const host of layout.hosts) append(gpus, hosts.get(host.id)!.gpus);
    const found = budgetFindings.slice();
    for (const part of parts) if (part.budget) append(found, part.budget.findings);
    for (const part of parts) append(found, part.rules);
    for (const part of parts) append(found, part.placement);
    for (const section of ["ports", "sharing"] as const) {
      const items: Ordered[] = [];
      for (const part of hosts.values()) append(items, part[section]);
      for (const item of inLayoutOrder(layout, items, (o) => o.instance)) found.push(item.finding);
    }
    for (const host of layout.hosts) append(found, hosts.get(host.id)!.memory);
    for (const host of layout.hosts) append(found, hosts.get(host.id)!.resources);
    return { budget: { instances, gpus, findings: budgetFindings }, findings: orderFindings(found, this.keyOf) };
  }

  private instancePart(
    instance: Instance,
    host: Host | undefined,
    hosts: readonly Host[],
    cells: Map<string, GpuCells>,
  ): InstancePart {
    const old = this.instances.get(instance);
    if (old && old.host === host && (host || !instance.placement || old.hosts === hosts)) return old;
    const budgetFindings: Finding[] = [];
    const hostCells = host && cellsOf(cells, host);
    const placed = budgetPlaced(
      instance,
      hostCells,
      catalogBudgetResolver,
      this.memo,
      this.defaultGpu!.target,
      budgetFindings,
    );
    const part: InstancePart = {
      host,
      hosts,
      budget: placed?.budget,
      keys: placed?.keys,
      budgetFindings,
      placement: instance.placement ? checkInstancePlacement(instance, host, hosts) : [],
      rules:
        old?.rules ??
        validateInstance(instance, catalogArchResolver(instance.model, instance.modelConfig), catalogLookup),
    };
    this.instances.set(instance, part);
    return part;
  }

  private checkHost(
    hostId: string,
    host: Host | undefined,
    placed: readonly Instance[],
    cells: Map<string, GpuCells>,
  ): HostPart {
    const old = this.hosts.get(hostId);
    if (old && old.host === host && sameItems(old.placed, placed)) return old;
    const byId = new Map(placed.map((i) => [i.id, i]));
    const ports = checkPortsOn(placed).map((finding) => ({ instance: byId.get(finding.instanceId!)!, finding }));
    const groups = sharedGroupsOn(hostId, placed);
    const sharing: Ordered[] = [];
    for (const group of groups) {
      const finding = sharingFinding(group);
      if (finding) sharing.push({ instance: group.sharers[0]!, finding });
    }
    if (!host) return { host, placed, gpus: [], ports, sharing, memory: [], resources: [] };
    const hostCells = cellsOf(cells, host);
    for (const instance of placed) {
      const part = this.instances.get(instance)!;
      if (part.budget && part.keys) hostCells.stack(instance, part.keys, part.budget);
    }
    const gpus = hostCells.finish();
    const budgetOf = (instance: Instance) => this.instances.get(instance)!.budget;
    return {
      host,
      placed,
      gpus,
      ports,
      sharing,
      memory: judgeGpuMemory(gpus, groups, (id) => byId.get(id), this.ceiling),
      resources: checkHostResourcesOn(host, placed, budgetOf),
    };
  }

  /** The layout's hosts by id, or undefined when ids or a host's GPU indices repeat; kept while the hosts array is. */
  private indexHosts(hosts: readonly Host[]): Map<string, Host> | undefined {
    if (this.hostIndex?.hosts === hosts) return this.hostIndex.byId;
    let byId: Map<string, Host> | undefined = new Map(hosts.map((h) => [h.id, h]));
    if (byId.size !== hosts.length || hosts.some((h) => new Set(h.gpus.map((g) => g.index)).size !== h.gpus.length))
      byId = undefined;
    this.hostIndex = { hosts, byId };
    return byId;
  }

  private readonly keyOf = (f: Finding): string => {
    let key = this.keys.get(f);
    if (key === undefined) this.keys.set(f, (key = findingKey(f)));
    return key;
  };
}

/** A host's cards for this check: stacked on once, so one per host per check. */
function cellsOf(cells: Map<string, GpuCells>, host: Host): GpuCells {
  let hostCells = cells.get(host.id);
  if (!hostCells) cells.set(host.id, (hostCells = new GpuCells([host], catalogBudgetResolver)));
  return hostCells;
}

/** Same length and the same items, by identity. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k += 1) if (a[k] !== b[k]) return false;
  return true;
}

function append<T>(to: T[], from: readonly T[]): void {
  for (const item of from) to.push(item);
}
