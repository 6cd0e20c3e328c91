import type { GpuBudget, TermName } from "../../budget/types";
import type { Finding } from "../../layout/findings";
import type { Layout } from "../../layout/schema";
import { slotGpuName, slotMemoryBytes } from "../../layout/catalog-resolve";

export const cellKey = (hostId: string, gpuIndex: number): string => `${hostId}#${gpuIndex}`;

/** What one grid cell draws. Objects are reused while nothing in them changes, so memoized cells skip rendering. */
export interface CellView {
  key: string;
  hostId: string;
  gpuIndex: number;
  gpuName: string;
  memoryBytes: number;
  nvlinkGroup: number | undefined;
  plannedBytes: number;
  freeBytes: number;
  /** Per instance on this GPU, its terms in stacking order. */
  stacks: { instanceId: string; terms: { term: TermName; bytes: number }[]; bytes: number }[];
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

export function buildCellViews(layout: Layout, gpus: readonly GpuBudget[], findingsByCell: ReadonlyMap<string, Finding[]>, previous: ReadonlyMap<string, CellView>): Map<string, CellView> {
  const budgets = new Map(gpus.map((g) => [cellKey(g.hostId, g.gpuIndex), g]));
  const views = new Map<string, CellView>();
  for (const host of layout.hosts) {
    for (const slot of host.gpus) {
      const key = cellKey(host.id, slot.index);
      const budget = budgets.get(key);
      const findings = findingsByCell.get(key) ?? [];
      const view = makeView(key, host.id, slot.index, slotGpuName(slot), budget?.memoryBytes || slotMemoryBytes(slot), slot.nvlinkGroup, budget, findings);
      const old = previous.get(key);
      views.set(key, old && sameCell(old, view) ? old : view);
    }
  }
  return views;
}

function makeView(key: string, hostId: string, gpuIndex: number, gpuName: string, memoryBytes: number, nvlinkGroup: number | undefined, budget: GpuBudget | undefined, findings: Finding[]): CellView {
  const stacks: CellView["stacks"] = [];
  for (const segment of budget?.segments ?? []) {
    if (segment.term === "free") continue;
    let stack = stacks[stacks.length - 1];
    if (!stack || stack.instanceId !== segment.instanceId) {
      stack = { instanceId: segment.instanceId, terms: [], bytes: 0 };
      stacks.push(stack);
    }
    stack.terms.push({ term: segment.term, bytes: segment.bytes });
    stack.bytes += segment.bytes;
  }
  const plannedBytes = budget?.plannedBytes ?? 0;
  const freeBytes = budget?.freeBytes ?? memoryBytes;
  return {
    key, hostId, gpuIndex, gpuName, memoryBytes, nvlinkGroup, plannedBytes, freeBytes, stacks, findings,
    errorCount: findings.filter((f) => f.severity === "error").length,
    warningCount: findings.filter((f) => f.severity === "warning").length,
  };
}

/** Equal for drawing: same numbers, same stacks, same findings (by code and text). Cheaper than serializing. */
function sameCell(a: CellView, b: CellView): boolean {
  if (a.gpuName !== b.gpuName || a.memoryBytes !== b.memoryBytes || a.nvlinkGroup !== b.nvlinkGroup || a.plannedBytes !== b.plannedBytes || a.freeBytes !== b.freeBytes) return false;
  if (a.stacks.length !== b.stacks.length || a.findings.length !== b.findings.length) return false;
  for (let s = 0; s < a.stacks.length; s += 1) {
    const x = a.stacks[s]!;
    const y = b.stacks[s]!;
    if (x.instanceId !== y.instanceId || x.bytes !== y.bytes || x.terms.length !== y.terms.length) return false;
    for (let t = 0; t < x.terms.length; t += 1) if (x.terms[t]!.term !== y.terms[t]!.term || x.terms[t]!.bytes !== y.terms[t]!.bytes) return false;
  }
  for (let f = 0; f < a.findings.length; f += 1) {
    const x = a.findings[f]!;
    const y = b.findings[f]!;
    if (x !== y && (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || x.fix !== y.fix)) return false;
  }
  return true;
}
