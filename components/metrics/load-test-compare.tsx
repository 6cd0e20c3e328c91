"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format";
import type { LoadTestRunView } from "@/lib/metrics/load-test/load-test-run-view";
import { useLoadTestRuns } from "./use-load-test-runs";

const nameOf = (r: LoadTestRunView) =>
  r.label || (r.target ? `${r.target.instanceKey} (TP ${r.target.tp})` : r.id.slice(0, 8));

const ROWS: { label: string; value: (r: LoadTestRunView) => string }[] = [
  { label: "Instance", value: (r) => (r.target ? `${r.target.layoutName} / ${r.target.instanceKey}` : "?") },
  { label: "GPUs (TP)", value: (r) => (r.target ? `${r.target.gpuIndices.join(",")} (TP ${r.target.tp})` : "?") },
  { label: "Load", value: (r) => `${r.params.concurrency} at once, ${r.params.outputTokens} output tokens` },
  { label: "Requests / s", value: (r) => (r.results ? r.results.requestsPerSecond.toFixed(2) : "—") },
  { label: "Output tokens / s", value: (r) => (r.results ? formatCount(r.results.outputTokensPerSecond) : "—") },
  {
    label: "TTFT p50 / p95 / p99 (ms)",
    value: (r) =>
      r.results
        ? [r.results.ttftMs.p50, r.results.ttftMs.p95, r.results.ttftMs.p99].map((v) => (v ?? 0).toFixed(0)).join(" / ")
        : "—",
  },
  {
    label: "ITL p50 / p95 / p99 (ms)",
    value: (r) =>
      r.results
        ? [r.results.itlMs.p50, r.results.itlMs.p95, r.results.itlMs.p99].map((v) => (v ?? 0).toFixed(1)).join(" / ")
        : "—",
  },
  {
    label: "E2E p50 / p95 / p99 (ms)",
    value: (r) =>
      r.results
        ? [r.results.e2eMs.p50, r.results.e2eMs.p95, r.results.e2eMs.p99].map((v) => (v ?? 0).toFixed(0)).join(" / ")
        : "—",
  },
  { label: "Errors", value: (r) => (r.results ? `${r.results.failed} of ${r.results.requests}` : "—") },
];

/** Runs side by side (the seed's 1×4 against 2×2 against 4×1): a table and throughput and latency bars. */
export function LoadTestCompare({ ids }: { ids: readonly string[] }) {
  const q = useLoadTestRuns({ ids });
  const runs = (q.data ?? []).slice().sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  if (ids.length === 0)
    return <p className="text-sm text-slate-600">Tick runs in the table to compare them side by side.</p>;
  const bars = runs
    .filter((r) => r.results)
    .map((r) => ({
      name: nameOf(r),
      "output tok/s": Math.round(r.results!.outputTokensPerSecond),
      "TTFT p99 ms": Math.round(r.results!.ttftMs.p99 ?? 0),
      "ITL p99 ms": Math.round(r.results!.itlMs.p99 ?? 0),
    }));
  return (
    <section aria-label="Load test comparison" className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full text-sm" aria-label="Compared runs">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-2 py-1.5" />
              {runs.map((r) => (
                <th key={r.id} scope="col" className="px-2 py-1.5 font-medium">
                  {nameOf(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-2 py-1.5 text-left font-normal text-slate-600 dark:text-slate-400">
                  {row.label}
                </th>
                {runs.map((r) => (
                  <td key={r.id} className="px-2 py-1.5 tabular-nums">
                    {row.value(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bars.length > 0 && (
        <div className="grid gap-3 lg:grid-cols-2" data-testid="load-test-compare-chart">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={bars}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="name" fontSize={11} />
              <YAxis fontSize={10} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="output tok/s" fill="#4f46e5" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={bars}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="name" fontSize={11} />
              <YAxis fontSize={10} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="TTFT p99 ms" fill="#0891b2" isAnimationActive={false} />
              <Bar dataKey="ITL p99 ms" fill="#ea580c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
