import type { Finding } from "../layout/findings";
import type { Host, Instance } from "../layout/schema";
import { toGpuTarget, type GpuTarget } from "./common";
import type { BudgetResolver } from "./layout";
import type { GpuBudget, InstanceBudget } from "./types";
import { gib } from "./units";

interface Cell {
  hostId: string;
  gpuIndex: number;
  target: GpuTarget | undefined;
  nvlinkGroup: number | undefined;
  segments: GpuBudget["segments"];
  plannedBytes: number;
  /** Instances and what each plans on this card. */
  users: { instanceId: string; bytes: number; engine: "vllm" | "tgi" }[];
}

export interface PlacedTarget {
  gpu: GpuTarget;
  keys: string[];
}

const cellKey = (hostId: string, index: number): string => `${hostId}#${index}`;

/** The grid's GPU cells, with the instance segments stacked on them. */
export class GpuCells {
  private readonly cells = new Map<string, Cell>();

  constructor(hosts: readonly Host[], resolve: BudgetResolver) {
    for (const host of hosts) {
      for (const slot of host.gpus) {
        const spec = resolve.gpu(slot, host);
        let target = spec === undefined ? undefined : toGpuTarget(spec);
        if (slot.memoryBytes !== undefined) target = { name: target?.name ?? slot.gpuId, interconnect: target?.interconnect ?? "pcie", memoryBytes: slot.memoryBytes };
        this.cells.set(cellKey(host.id, slot.index), { hostId: host.id, gpuIndex: slot.index, target, nvlinkGroup: slot.nvlinkGroup, segments: [], plannedBytes: 0, users: [] });
      }
    }
  }

  /** The card an instance is budgeted against: the smallest of its GPUs (vLLM takes the minimum over ranks). */
  target(instance: Instance, findings: Finding[]): PlacedTarget | undefined {
    const placement = instance.placement!;
    const cells: Cell[] = [];
    for (const index of placement.gpuIndices) {
      const cell = this.cells.get(cellKey(placement.hostId, index));
      if (!cell || !cell.target) {
        findings.push({
          code: "budget.unknown-gpu", severity: "error", instanceId: instance.id, hostId: placement.hostId, gpuIndex: index, field: "placement",
          message: `instance "${instance.id}" is placed on GPU ${index} of host "${placement.hostId}", which ${cell ? "has an unknown GPU model and no memory size" : "the layout does not have"}.`,
          fix: cell ? "pick the GPU model of that slot from the catalog, or give its memory in bytes." : "place it on GPUs the host has, or add the GPU to the host.",
        });
        continue;
      }
      cells.push(cell);
    }
    if (cells.length === 0) return undefined;
    if (cells.length !== instance.tp) {
      findings.push({
        code: "budget.placement-size-mismatch", severity: "warning", instanceId: instance.id, field: "placement",
        message: `instance "${instance.id}" runs TP ${instance.tp} but is placed on ${cells.length} GPU${cells.length > 1 ? "s" : ""}; the budget assumes ${instance.tp} ranks.`,
        fix: `place it on exactly ${instance.tp} GPU${instance.tp > 1 ? "s" : ""}, or set tp to ${cells.length}.`,
        patch: { tp: cells.length },
      });
    }
    let smallest = cells[0]!.target!;
    for (const cell of cells) if (cell.target!.memoryBytes < smallest.memoryBytes) smallest = cell.target!;
    const groups = new Set(cells.map((c) => c.nvlinkGroup));
    const sharedGroup = groups.size === 1 && !groups.has(undefined);
    const interconnect = cells.length > 1 && !sharedGroup && !groups.has(undefined) ? "pcie" : smallest.interconnect;
    return { gpu: { ...smallest, interconnect: sharedGroup ? "nvlink" : interconnect }, keys: cells.map((c) => cellKey(c.hostId, c.gpuIndex)) };
  }

  stack(instance: Instance, keys: readonly string[], budget: InstanceBudget): void {
    for (const key of keys) {
      const cell = this.cells.get(key)!;
      let bytes = 0;
      for (const t of budget.terms) {
        if (t.name === "free" || t.bytes === 0) continue;
        cell.segments.push({ instanceId: instance.id, term: t.name, bytes: t.bytes });
        bytes += t.bytes;
      }
      cell.plannedBytes += bytes;
      cell.users.push({ instanceId: instance.id, bytes, engine: instance.engine });
    }
  }

  finish(instances: readonly Instance[]): GpuBudget[] {
    const gmuById = new Map(instances.map((i) => [i.id, i.gpuMemoryUtilization]));
    const out: GpuBudget[] = [];
    for (const cell of this.cells.values()) {
      const memoryBytes = cell.target?.memoryBytes ?? 0;
      const findings = cell.plannedBytes > memoryBytes && cell.users.length > 0 ? [overcommitted(cell, memoryBytes, gmuById)] : [];
      out.push({ hostId: cell.hostId, gpuIndex: cell.gpuIndex, memoryBytes, segments: cell.segments, plannedBytes: cell.plannedBytes, freeBytes: Math.max(0, memoryBytes - cell.plannedBytes), findings });
    }
    return out;
  }
}

function overcommitted(cell: Cell, memoryBytes: number, gmuById: Map<string, number>): Finding {
  const list = cell.users.map((u) => `"${u.instanceId}" ${gib(u.bytes)}`).join(", ");
  const shared = cell.users.length > 1;
  const vllmUser = cell.users.find((u) => u.engine === "vllm");
  const quote = shared && vllmUser
    ? ` The vLLM instance that starts last stops with "Free memory on device ... on startup is less than desired GPU memory utilization".`
    : "";
  const biggest = cell.users.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const over = cell.plannedBytes - memoryBytes;
  const gmu = gmuById.get(biggest.instanceId) ?? 0.9;
  const lowered = Math.floor((gmu - over / memoryBytes) * 100) / 100;
  return {
    code: "budget.gpu-overcommitted",
    severity: "error",
    hostId: cell.hostId,
    gpuIndex: cell.gpuIndex,
    instanceId: biggest.instanceId,
    field: "gpuMemoryUtilization",
    message: `GPU ${cell.gpuIndex} of host "${cell.hostId}" (${gib(memoryBytes)}) is planned for ${gib(cell.plannedBytes)}: ${list}.${quote}`,
    fix: shared
      ? `lower gpu_memory_utilization of "${biggest.instanceId}" to ${lowered > 0 ? lowered : "a smaller share"} (each instance's fraction counts against the whole card), or move one instance to another GPU.`
      : `lower gpu_memory_utilization of "${biggest.instanceId}" to ${lowered > 0 ? lowered : "a smaller value"} or set enforce_eager.`,
    ...(lowered > 0 ? { patch: { gpuMemoryUtilization: lowered } } : {}),
  };
}
