import type { GpuBudget, TermName } from "../../budget/types";
import type { Finding } from "../../vocabulary/finding";
import type { Host, Layout } from "../../vocabulary/layout-schema";
import { slotGpuName, slotMemoryBytes } from "../../layout/resolvers";

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

export function buildCellViews(
  layout: Layout,
  gpus: readonly GpuBudget[],
  findingsByCell: ReadonlyMap<string, Finding[]>,
  previous: ReadonlyMap<string, CellView>,
): Map<string, CellView> {
  const budgets = new Map<string, Map<number, GpuBudget>>();
  for (const g of gpus) {
    let host = budgets.get(g.hostId);
    if (!host) budgets.set(g.hostId, (host = new Map()));
    host.set(g.gpuIndex, g);
  }
  const views = new Map<string, CellView>();
  for (const host of layout.hosts)
    for (const view of hostCellViews(host, budgets.get(host.id), findingsByCell, previous)) views.set(view.key, view);
  return views;
}

/** One host's cells in slot order; `budgets`: its cards' plan by GPU index. */
export function hostCellViews(
  host: Host,
  budgets: ReadonlyMap<number, GpuBudget> | undefined,
  findingsByCell: ReadonlyMap<string, Finding[]>,
  previous: ReadonlyMap<string, CellView>,
): CellView[] {
  return host.gpus.map((slot) => {
    const key = cellKey(host.id, slot.index);
    const budget = budgets?.get(slot.index);
    const findings = findingsByCell.get(key) ?? NO_FINDINGS;
    const gpuName = slotGpuName(slot);
    const memoryBytes = budget?.memoryBytes || slotMemoryBytes(slot);
    const old = previous.get(key);
    // Compare against the previous view first: most cells are unchanged by an edit, and then nothing is allocated.
    if (old && old.hostId === host.id && sameInputs(old, gpuName, memoryBytes, slot.nvlinkGroup, budget, findings))
      return old;
    return makeView(key, host.id, slot.index, gpuName, memoryBytes, slot.nvlinkGroup, budget, findings);
  });
}

const NO_FINDINGS: Finding[] = [];

/** Whether `view` is what makeView would build from these inputs (same numbers, stacks and findings). */
function sameInputs(
  view: CellView,
  gpuName: string,
  memoryBytes: number,
  nvlinkGroup: number | undefined,
  budget: GpuBudget | undefined,
  findings: Finding[],
): boolean {
  if (view.gpuName !== gpuName || view.memoryBytes !== memoryBytes || view.nvlinkGroup !== nvlinkGroup) return false;
  if (view.plannedBytes !== (budget?.plannedBytes ?? 0) || view.freeBytes !== (budget?.freeBytes ?? memoryBytes))
    return false;
  if (!sameFindings(view.findings, findings)) return false;
  // Walk the segments as makeView groups them, against the view's stacks.
  let s = -1;
  let t = 0;
  for (const segment of budget?.segments ?? []) {
    if (segment.term === "free") continue;
    let stack = view.stacks[s];
    if (!stack || stack.instanceId !== segment.instanceId) {
      if (stack && t !== stack.terms.length) return false;
      s += 1;
      t = 0;
      stack = view.stacks[s];
      if (!stack || stack.instanceId !== segment.instanceId) return false;
    }
    const term = stack.terms[t];
    if (!term || term.term !== segment.term || term.bytes !== segment.bytes) return false;
    t += 1;
  }
  const last = view.stacks[s];
  return s === view.stacks.length - 1 && (!last || t === last.terms.length);
}

function makeView(
  key: string,
  hostId: string,
  gpuIndex: number,
  gpuName: string,
  memoryBytes: number,
  nvlinkGroup: number | undefined,
  budget: GpuBudget | undefined,
  findings: Finding[],
): CellView {
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
    key,
    hostId,
    gpuIndex,
    gpuName,
    memoryBytes,
    nvlinkGroup,
    plannedBytes,
    freeBytes,
    stacks,
    findings,
    errorCount: findings.filter((f) => f.severity === "error").length,
    warningCount: findings.filter((f) => f.severity === "warning").length,
  };
}

/** Same findings: by identity, else field by field (cells hand them on, patches included). */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let f = 0; f < a.length; f += 1) if (!sameFinding(a[f]!, b[f]!)) return false;
  return true;
}

function sameFinding(x: Finding, y: Finding): boolean {
  if (x === y) return true;
  if (
    x.code !== y.code ||
    x.severity !== y.severity ||
    x.message !== y.message ||
    x.fix !== y.fix ||
    x.field !== y.field
  )
    return false;
  if (x.instanceId !== y.instanceId || x.hostId !== y.hostId || x.gpuIndex !== y.gpuIndex) return false;
  return x.patch === y.patch || JSON.stringify(x.patch) === JSON.stringify(y.patch);
}
