import { BudgetMemo } from "../../budget/layout";
import type { LayoutBudget } from "../../budget/types";
import type { Finding } from "../../layout/findings";
import type { Host, Instance, Layout } from "../../layout/schema";
import { DEFAULT_PLANNING_GPU } from "../../layout/catalog-resolve";
import { checkLayout } from "../../layout/check-layout";
import { type Band, bandsByHost } from "./bands";
import { type CellView, buildCellViews, cellKey } from "./cells";
import { type FindingsIndex, indexFindings } from "./findings-index";
import { type HostUse, type LayoutSummary, summarize } from "./summary";

/** One host row as the grid draws it; reused (same object) while nothing in it changed. */
export interface RowView {
  host: Host;
  cells: CellView[];
  bands: Band[];
  /** The instances placed on this host, by id. */
  instances: Record<string, Instance>;
  use: HostUse;
  /** Error count per instance placed here. */
  errors: Record<string, number>;
}

export interface Design {
  layout: Layout;
  budget: LayoutBudget;
  findings: FindingsIndex;
  rows: RowView[];
  summary: LayoutSummary;
}

/**
 * Derives everything the page shows from a layout: budgets (lib/budget, memoized per instance settings),
 * findings (lib/layout/rules), grid rows and the summary. Keeps the previous result so unchanged rows and
 * cells come back as the same objects and React skips them.
 */
export class DesignDeriver {
  private readonly memo = new BudgetMemo();
  private cells = new Map<string, CellView>();
  private rows = new Map<string, RowView>();
  private last: Design | null = null;

  derive(layout: Layout): Design {
    if (this.last?.layout === layout) return this.last;
    const { budget, findings: all } = checkLayout(layout, { defaultGpu: DEFAULT_PLANNING_GPU, memo: this.memo });
    const findings = indexFindings(layout, all);
    this.cells = buildCellViews(layout, budget.gpus, findings.byCell, this.cells);
    const summary = summarize(layout, budget);
    const rows = this.buildRows(layout, summary, findings);
    this.last = { layout, budget, findings, rows, summary };
    return this.last;
  }

  private buildRows(layout: Layout, summary: LayoutSummary, findings: FindingsIndex): RowView[] {
    const bands = bandsByHost(layout);
    const placed = new Map<string, Record<string, Instance>>();
    for (const i of layout.instances) {
      if (!i.placement) continue;
      const record = placed.get(i.placement.hostId) ?? {};
      record[i.id] = i;
      placed.set(i.placement.hostId, record);
    }
    const next = new Map<string, RowView>();
    const rows = layout.hosts.map((host) => {
      const cells = [...host.gpus].sort((a, b) => a.index - b.index).map((g) => this.cells.get(cellKey(host.id, g.index))!);
      const rowBands = bands.get(host.id) ?? [];
      const instances = placed.get(host.id) ?? {};
      const use = summary.hosts.get(host.id)!;
      const errors: Record<string, number> = {};
      for (const id of Object.keys(instances)) errors[id] = countErrors(findings.byInstance.get(id));
      const old = this.rows.get(host.id);
      // Field-by-field instead of serializing: this runs for every host on every edit.
      const same =
        old &&
        old.host === host &&
        old.cells.length === cells.length &&
        old.cells.every((c, k) => c === cells[k]) &&
        sameRecord(old.instances, instances) &&
        sameBands(old.bands, rowBands) &&
        sameUse(old.use, use) &&
        sameCounts(old.errors, errors);
      const row = same ? old : { host, cells, bands: rowBands, instances, use, errors };
      next.set(host.id, row);
      return row;
    });
    this.rows = next;
    return rows;
  }
}

function countErrors(list: readonly Finding[] | undefined): number {
  let n = 0;
  for (const f of list ?? []) if (f.severity === "error") n += 1;
  return n;
}

function sameBands(a: readonly Band[], b: readonly Band[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k += 1) {
    const x = a[k]!;
    const y = b[k]!;
    if (x.instanceId !== y.instanceId || x.column !== y.column || x.span !== y.span || x.lane !== y.lane || x.primary !== y.primary || x.part !== y.part || x.parts !== y.parts) return false;
  }
  return true;
}

function sameUse(a: HostUse, b: HostUse): boolean {
  return a.hostId === b.hostId && a.gpusUsed === b.gpusUsed && a.gpus === b.gpus && a.ramPlannedBytes === b.ramPlannedBytes && a.ramBytes === b.ramBytes && a.cpusPlanned === b.cpusPlanned && a.cpuCores === b.cpuCores;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameRecord(a: Record<string, Instance>, b: Record<string, Instance>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Findings for one instance: the layout's plus those of the command it was pasted from. */
export const instanceFindings = (design: Design, commandFindings: Record<string, Finding[]>, id: string): Finding[] => [
  ...(commandFindings[id] ?? []),
  ...(design.findings.byInstance.get(id) ?? []),
];
