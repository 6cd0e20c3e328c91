"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes, formatCount } from "@/lib/format";
import type { ComparedTerm, PredictedVsActual, TermComparison } from "@/lib/metrics/predicted/export-format";

const TERM_LABEL: Record<ComparedTerm, string> = {
  gpuMemoryUsed: "GPU memory used (per GPU)",
  weights: "Weights",
  activation: "Activation peak",
  nonTorch: "Non-torch memory",
  cudaGraphs: "CUDA graphs",
  availableKv: "Available KV cache memory",
  kvCacheTokens: "KV cache tokens",
  kvBlocks: "KV cache blocks",
  blockSize: "Block size (tokens)",
  maxConcurrency: "Maximum concurrency",
};

const SOURCE_LABEL = {
  "gpu-exporter": "GPU exporter",
  "cache-config-info": "cache_config_info",
  "startup-log": "start-up log",
};

const show = (t: TermComparison, v: number | null) =>
  v === null
    ? "—"
    : t.unit === "bytes"
      ? formatBytes(v)
      : t.term === "maxConcurrency"
        ? `${v.toFixed(2)}×`
        : formatCount(v);

function ErrorCell({ pct }: { pct: number | null }) {
  if (pct === null) return <span className="text-slate-400">—</span>;
  const big = Math.abs(pct) >= 10;
  return (
    <span className={big ? "font-semibold text-amber-700 dark:text-amber-400" : ""} data-testid="error-percent">
      {pct > 0 ? "+" : ""}
      {pct.toFixed(1)} %
    </span>
  );
}

/** Every running instance's budget terms next to what was observed, with the error, and the JSON export. */
export function PredictedTable() {
  const q = useQuery({
    queryKey: ["metrics-predicted"],
    queryFn: async (): Promise<PredictedVsActual> => {
      const res = await fetch("/api/metrics/predicted");
      if (!res.ok) throw new Error(`the server answered HTTP ${res.status}`);
      return res.json();
    },
    refetchInterval: 15_000,
    retry: false,
  });
  const d = q.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The plan (fleetdeck&apos;s estimator, on the GPU the layout chose) against what each running engine reports.
        Error = (predicted − actual) / actual.{" "}
        <a className="text-indigo-700 underline dark:text-indigo-400" href="/api/metrics/predicted?download=1">
          Export JSON
        </a>{" "}
        (format <code>fleetdeck.predicted-vs-actual</code> v1; bench/calibration imports it).
      </p>
      {!d && <p className="text-sm">{q.isError ? (q.error as Error).message : "Loading…"}</p>}
      {d?.problems.map((p) => (
        <p key={p} role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {p}
        </p>
      ))}
      {d && d.instances.length === 0 && <p className="text-sm text-slate-600">No instance is running.</p>}
      {d?.instances.map((i) => (
        <section
          key={i.instanceId}
          aria-label={`Predicted vs actual: ${i.layoutName} / ${i.instanceKey}`}
          className="rounded-lg border border-slate-200 dark:border-slate-800"
        >
          <h3 className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
            {i.layoutName} / {i.instanceKey}{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">
              {i.engine} {i.engineVersion ?? ""} · {i.model} · {i.gpu.count}× {i.gpu.name} on {i.hostName ?? "?"} GPU{" "}
              {i.gpuIndices.join(",")}
              {i.simulated && " · simulated"}
              {i.sharedGpu && " · shares a GPU"}
            </span>
          </h3>
          <table className="min-w-full text-sm" aria-label={`Terms of ${i.instanceKey}`}>
            <thead className="bg-slate-50 text-left dark:bg-slate-900">
              <tr>
                {["Term", "Predicted", "Actual", "Error", "Actual from"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-1.5 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {i.terms.map((t) => (
                <tr key={t.term} data-term={t.term} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="px-3 py-1.5">{TERM_LABEL[t.term]}</td>
                  <td className="px-3 py-1.5 tabular-nums">{show(t, t.predicted)}</td>
                  <td className="px-3 py-1.5 tabular-nums">{show(t, t.actual)}</td>
                  <td className="px-3 py-1.5 tabular-nums">
                    <ErrorCell pct={t.errorPercent} />
                  </td>
                  <td className="px-3 py-1.5 text-xs text-slate-500">
                    {t.actualSource ? SOURCE_LABEL[t.actualSource] : "not observed"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {i.problems.length > 0 && (
            <p className="px-3 py-2 text-xs text-amber-800 dark:text-amber-300">{i.problems.join("; ")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
