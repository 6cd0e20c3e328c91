"use client";
import { useMemo } from "react";
import { LayoutGrid } from "@/components/grid/layout-grid";
import { formatBytes, formatCount } from "@/lib/format";
import { diffLayouts } from "@/lib/layout/diff";
import type { Layout, Placement } from "@/lib/vocabulary/layout-schema";
import { instanceLabel } from "@/lib/designer/derive/bands";
import { DesignDeriver } from "@/lib/designer/derive/derive";

const where = (p: Placement | null | undefined) => (p ? `${p.hostId} GPU ${p.gpuIndices.join(", ")}` : "no GPUs");
const show = (v: unknown) => (v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
const noop = () => undefined;

/** Two revisions side by side: instances added, removed, moved, changed, with their budgets before and after. */
export function DiffView({
  before,
  after,
  fromLabel,
  toLabel,
}: {
  before: Layout;
  after: Layout;
  fromLabel: string;
  toLabel: string;
}) {
  const { diff, a, b } = useMemo(
    () => ({
      diff: diffLayouts(before, after),
      a: new DesignDeriver().derive(before),
      b: new DesignDeriver().derive(after),
    }),
    [before, after],
  );
  const touched = [
    ...new Set([
      ...diff.added.map((i) => i.id),
      ...diff.removed.map((i) => i.id),
      ...diff.moved.map((m) => m.instanceId),
      ...diff.changed.map((c) => c.instanceId),
    ]),
  ];
  const none =
    touched.length === 0 && diff.hosts.added.length + diff.hosts.removed.length + diff.hosts.changed.length === 0;
  return (
    <div className="space-y-6">
      <section aria-label="Changes" className="space-y-2 text-sm">
        {none && <p>The two revisions plan the same thing.</p>}
        {diff.added.length > 0 && (
          <DiffList
            title="Added"
            items={diff.added.map((i) => `${instanceLabel(i)} on ${where(i.placement)}`)}
            tone="text-green-700 dark:text-green-400"
          />
        )}
        {diff.removed.length > 0 && (
          <DiffList
            title="Removed"
            items={diff.removed.map((i) => `${instanceLabel(i)} from ${where(i.placement)}`)}
            tone="text-red-700 dark:text-red-400"
          />
        )}
        {diff.moved.length > 0 && (
          <DiffList
            title="Moved"
            items={diff.moved.map((m) => `${m.instanceId}: ${where(m.before)} → ${where(m.after)}`)}
          />
        )}
        {diff.changed.length > 0 && (
          <DiffList
            title="Changed"
            items={diff.changed.map(
              (c) =>
                `${c.instanceId}: ${Object.entries(c.fields)
                  .map(([k, f]) => `${k} ${show(f.before)} → ${show(f.after)}`)
                  .join("; ")}`,
            )}
          />
        )}
        {diff.hosts.added.length > 0 && (
          <DiffList title="Hosts added" items={diff.hosts.added.map((h) => `${h.name}: ${h.gpus.length} GPUs`)} />
        )}
        {diff.hosts.removed.length > 0 && (
          <DiffList title="Hosts removed" items={diff.hosts.removed.map((h) => h.name)} />
        )}
        {diff.hosts.changed.length > 0 && (
          <DiffList
            title="Hosts changed"
            items={diff.hosts.changed.map((h) => `${h.hostId}: ${Object.keys(h.fields).join(", ")}`)}
          />
        )}
      </section>
      {touched.length > 0 && (
        <div className="overflow-x-auto">
          <table aria-label="Budgets before and after" className="w-full text-sm tabular-nums">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col">Instance</th>
                <th scope="col">KV tokens {fromLabel}</th>
                <th scope="col">KV tokens {toLabel}</th>
                <th scope="col">Per GPU {fromLabel}</th>
                <th scope="col">Per GPU {toLabel}</th>
              </tr>
            </thead>
            <tbody>
              {touched.map((id) => {
                const x = a.budget.instances[id];
                const y = b.budget.instances[id];
                return (
                  <tr key={id} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="text-left font-medium">
                      {id}
                    </th>
                    <td>{x ? formatCount(x.kvCacheTokens) : "—"}</td>
                    <td>{y ? formatCount(y.kvCacheTokens) : "—"}</td>
                    <td>{x ? formatBytes(x.projectedUsedBytesPerGpu) : "—"}</td>
                    <td>{y ? formatBytes(y.projectedUsedBytesPerGpu) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {/* One above the other: side by side, two grids of a 4-GPU host do not fit a 1440 px window whole. */}
      <div className="grid gap-4">
        <section aria-label={`Grid ${fromLabel}`} className="min-w-0 overflow-x-auto">
          <h2 className="mb-2 font-semibold">{fromLabel}</h2>
          <LayoutGrid
            rows={a.rows}
            selection={null}
            openInstanceId={null}
            readOnly
            dispatch={noop}
            label={`GPU layout ${fromLabel}`}
          />
        </section>
        <section aria-label={`Grid ${toLabel}`} className="min-w-0 overflow-x-auto">
          <h2 className="mb-2 font-semibold">{toLabel}</h2>
          <LayoutGrid
            rows={b.rows}
            selection={null}
            openInstanceId={null}
            readOnly
            dispatch={noop}
            label={`GPU layout ${toLabel}`}
          />
        </section>
      </div>
    </div>
  );
}

function DiffList({ title, items, tone = "" }: { title: string; items: string[]; tone?: string }) {
  return (
    <div>
      <h2 className={`font-semibold ${tone}`}>
        {title} ({items.length})
      </h2>
      <ul aria-label={title} className="list-disc pl-5">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
