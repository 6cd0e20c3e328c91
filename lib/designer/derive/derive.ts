import type { LayoutBudget } from "../../budget/types";
import type { Finding } from "../../vocabulary/finding";
import type { Host, Layout } from "../../vocabulary/layout-schema";
import { DEFAULT_PLANNING_GPU } from "../../layout/resolvers";
import { type HostPart, LayoutCheckCache, sameItems } from "../../layout/check-cache";
import { checkLayout } from "../../layout/check-layout";
import { instancesByHost } from "../../layout/instances-by-host";
import { bandsByHost, bandsOn } from "./bands";
import { type CellView, buildCellViews, cellKey, hostCellViews } from "./cells";
import { type FindingsIndex, findingIdentity, indexFindings } from "./findings-index";
import { type RowView, byId, makeRow } from "./rows";
import { type HostUse, type LayoutSummary, hostUse, summarize } from "./summary";

export type { RowView } from "./rows";

export interface Design {
  layout: Layout;
  budget: LayoutBudget;
  findings: FindingsIndex;
  rows: RowView[];
  summary: LayoutSummary;
}

/** A host's row with what it was made from. */
interface RowPart {
  host: Host;
  check: HostPart;
  shown: readonly Finding[];
  row: RowView;
}

const NONE: readonly Finding[] = [];

/**
 * Derives everything the page shows from a layout: budgets and findings (checkLayout, with a cache that redoes only
 * what an edit changed), grid rows and the summary. A row is rebuilt only when its host, the instances on it or the
 * findings it shows changed; unchanged rows and cells come back as the same objects and React skips them.
 */
export class DesignDeriver {
  private readonly cache = new LayoutCheckCache();
  /** `vramCeiling`: the admin's VRAM ceiling (default 0.9). */
  constructor(private readonly options: { vramCeiling?: number } = {}) {}
  private readonly identities = new WeakMap<Finding, string>();
  private cells = new Map<string, CellView>();
  private rows = new Map<string, RowView>();
  private parts = new Map<string, RowPart>();
  private last: Design | null = null;

  derive(layout: Layout): Design {
    if (this.last?.layout === layout) return this.last;
    const { budget, findings: all } = checkLayout(layout, {
      defaultGpu: DEFAULT_PLANNING_GPU,
      cache: this.cache,
      vramCeiling: this.options.vramCeiling,
    });
    const cached = this.cache.checked === layout;
    const findings = indexFindings(layout, all, {
      identityOf: this.identityOf,
      ...(cached ? { instanceOf: this.instanceOf } : {}),
    });
    const { rows, summary } = cached
      ? this.byHost(layout, budget, findings)
      : this.fromScratch(layout, budget, findings);
    this.rows = new Map(rows.map((row) => [row.host.id, row]));
    this.last = { layout, budget, findings, rows, summary };
    return this.last;
  }

  private byHost(
    layout: Layout,
    budget: LayoutBudget,
    findings: FindingsIndex,
  ): { rows: RowView[]; summary: LayoutSummary } {
    const parts = new Map<string, RowPart>();
    const uses = new Map<string, HostUse>();
    const rows = layout.hosts.map((host) => {
      const check = this.cache.hostPart(host.id)!;
      const shown = findings.byHost.get(host.id) ?? NONE;
      const old = this.parts.get(host.id);
      const part =
        old && old.host === host && old.check === check && sameItems(old.shown, shown)
          ? old
          : { host, check, shown, row: this.hostRow(host, check, budget, findings) };
      parts.set(host.id, part);
      uses.set(host.id, part.row.use);
      return part.row;
    });
    this.parts = parts;
    return { rows, summary: summarize(layout, budget, uses) };
  }

  private hostRow(host: Host, check: HostPart, budget: LayoutBudget, findings: FindingsIndex): RowView {
    const old = this.rows.get(host.id);
    const budgets = new Map(check.gpus.map((g) => [g.gpuIndex, g]));
    const previous = new Map(old?.cells.map((c) => [c.key, c]));
    const cells = hostCellViews(host, budgets, findings.byCell, previous).sort((a, b) => a.gpuIndex - b.gpuIndex);
    return makeRow(
      old,
      host,
      cells,
      bandsOn(host, check.placed),
      byId(check.placed),
      hostUse(host, check.placed, budget),
      findings.byInstance,
    );
  }

  /** For layouts the check cache does not take (repeated ids): every row worked out again, unchanged ones kept. */
  private fromScratch(
    layout: Layout,
    budget: LayoutBudget,
    findings: FindingsIndex,
  ): { rows: RowView[]; summary: LayoutSummary } {
    this.parts.clear();
    this.cells = buildCellViews(layout, budget.gpus, findings.byCell, this.cells);
    const summary = summarize(layout, budget);
    const bands = bandsByHost(layout);
    const placed = instancesByHost(layout.instances);
    const rows = layout.hosts.map((host) => {
      const cells = [...host.gpus]
        .sort((a, b) => a.index - b.index)
        .map((g) => this.cells.get(cellKey(host.id, g.index))!);
      return makeRow(
        this.rows.get(host.id),
        host,
        cells,
        bands.get(host.id) ?? [],
        byId(placed.get(host.id) ?? []),
        summary.hosts.get(host.id)!,
        findings.byInstance,
      );
    });
    return { rows, summary };
  }

  private readonly instanceOf = (id: string) => this.cache.instance(id);

  private readonly identityOf = (f: Finding): string => {
    let identity = this.identities.get(f);
    if (identity === undefined) this.identities.set(f, (identity = findingIdentity(f)));
    return identity;
  };
}

/** Findings for one instance: the layout's plus those of the command it was pasted from. */
export const instanceFindings = (design: Design, commandFindings: Record<string, Finding[]>, id: string): Finding[] => [
  ...(commandFindings[id] ?? []),
  ...(design.findings.byInstance.get(id) ?? []),
];
