import { cudaTotalBytes } from "../catalog/gpus";
import type { Finding } from "../vocabulary/finding";
import type { Host, Instance } from "../vocabulary/layout-schema";
import { toGpuTarget, underWsl2, type GpuTarget } from "./common";
import type { BudgetResolver } from "./layout";
import type { GpuBudget, InstanceBudget } from "./types";

interface Cell {
  hostId: string;
  gpuIndex: number;
  target: GpuTarget | undefined;
  nvlinkGroup: number | undefined;
  segments: GpuBudget["segments"];
  plannedBytes: number;
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
        if (slot.memoryBytes !== undefined)
          target = {
            ...target,
            name: target?.name ?? slot.gpuId,
            interconnect: target?.interconnect ?? "pcie",
            memoryBytes: slot.memoryBytes,
            cudaTotalBytes: cudaTotalBytes({ memoryBytes: slot.memoryBytes }),
          };
        if (target && host.wsl2) target = underWsl2(target);
        this.cells.set(cellKey(host.id, slot.index), {
          hostId: host.id,
          gpuIndex: slot.index,
          target,
          nvlinkGroup: slot.nvlinkGroup,
          segments: [],
          plannedBytes: 0,
        });
      }
    }
  }

  /**
   * The card an instance is budgeted against: the smallest of its GPUs (vLLM takes the minimum over ranks).
   * Placement on GPUs or hosts the layout lacks, and a GPU count other than TP, are lib/layout/rules' (placement.*):
   * those GPUs are left out here. Only a slot whose GPU model is unknown and has no memory size is the budget's to report.
   */
  target(instance: Instance, findings: Finding[]): PlacedTarget | undefined {
    const placement = instance.placement!;
    const cells: Cell[] = [];
    for (const index of new Set(placement.gpuIndices)) {
      const cell = this.cells.get(cellKey(placement.hostId, index));
      if (!cell) continue;
      if (!cell.target) {
        findings.push({
          code: "budget.unknown-gpu",
          severity: "error",
          instanceId: instance.id,
          hostId: placement.hostId,
          gpuIndex: index,
          field: "placement",
          message: `instance "${instance.id}" is placed on GPU ${index} of host "${placement.hostId}", which has an unknown GPU model and no memory size, so its memory cannot be budgeted.`,
          fix: "pick the GPU model of that slot from the catalog, or give its memory in bytes.",
        });
        continue;
      }
      cells.push(cell);
    }
    if (cells.length === 0) return undefined;
    let smallest = cells[0]!.target!;
    for (const cell of cells) if (cell.target!.memoryBytes < smallest.memoryBytes) smallest = cell.target!;
    const groups = new Set(cells.map((c) => c.nvlinkGroup));
    const sharedGroup = groups.size === 1 && !groups.has(undefined);
    const interconnect = cells.length > 1 && !sharedGroup && !groups.has(undefined) ? "pcie" : smallest.interconnect;
    return {
      gpu: { ...smallest, interconnect: sharedGroup ? "nvlink" : interconnect },
      keys: cells.map((c) => cellKey(c.hostId, c.gpuIndex)),
    };
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
    }
  }

  /** The cells with what is stacked on them; judging a card's total (overcommit, the 90 % ceiling) is lib/layout/rules' (gpu.*). */
  finish(): GpuBudget[] {
    const out: GpuBudget[] = [];
    for (const cell of this.cells.values()) {
      const memoryBytes = cell.target?.memoryBytes ?? 0;
      out.push({
        hostId: cell.hostId,
        gpuIndex: cell.gpuIndex,
        memoryBytes,
        segments: cell.segments,
        plannedBytes: cell.plannedBytes,
        freeBytes: Math.max(0, memoryBytes - cell.plannedBytes),
      });
    }
    return out;
  }
}
