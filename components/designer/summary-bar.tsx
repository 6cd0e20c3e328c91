import { bandLabel } from "@/lib/budget/uncertainty";
import { memo } from "react";
import { formatBytes, formatCount } from "@/lib/format";
import type { LayoutSummary } from "@/lib/designer/derive/summary";

function Stat({ label, value, over }: { label: string; value: string; over?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`tabular-nums font-semibold ${over ? "text-red-700 dark:text-red-400" : ""}`}>{value}</dd>
    </div>
  );
}

/** GPUs used/free, total KV tokens, per-instance concurrency, host RAM and CPU planned vs available. */
export const SummaryBar = memo(function SummaryBar({ summary }: { summary: LayoutSummary }) {
  return (
    <section
      aria-label="Summary"
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        <Stat label="GPUs used / free" value={`${summary.gpusUsed} / ${summary.gpusFree}`} />
        <Stat label="KV cache, all placed instances" value={`${formatCount(summary.kvTokensTotal)} tokens`} />
        <Stat label="Unplaced instances" value={String(summary.unplaced)} over={summary.unplaced > 0} />
        <Stat
          label="Host RAM planned / available"
          value={`${formatBytes(summary.ramPlannedBytes)} / ${formatBytes(summary.ramBytes)}`}
          over={summary.ramPlannedBytes > summary.ramBytes}
        />
        <Stat
          label="CPU cores planned / available"
          value={`${summary.cpusPlanned} / ${summary.cpuCores}`}
          over={summary.cpusPlanned > summary.cpuCores}
        />
      </dl>
      {summary.instances.length > 0 && summary.instances.length <= 24 && (
        <ul aria-label="Max concurrency per instance" className="mt-2 flex flex-wrap gap-2 text-xs">
          {summary.instances.map((i) => (
            <li
              key={i.id}
              data-instance={i.id}
              className="rounded bg-slate-100 px-2 py-0.5 tabular-nums dark:bg-slate-800"
            >
              {i.id}: {formatCount(i.kvCacheTokens)} KV tokens{i.kvBand > 0 ? ` ${bandLabel(i.kvBand)}` : ""}, ×
              {i.maxConcurrency.toFixed(2)} at {formatCount(i.maxModelLen)}
            </li>
          ))}
        </ul>
      )}
      {summary.instances.length > 24 && (
        <p className="mt-2 text-xs text-slate-500">
          {summary.instances.length} instances: open one for its concurrency.
        </p>
      )}
    </section>
  );
});
