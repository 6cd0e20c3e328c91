"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes, formatCount, formatRelativeTime } from "@/lib/format";
import type { TargetsResponse } from "@/lib/metrics/api/responses";

const HEALTH_STYLE = {
  up: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  down: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  unknown: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
} as const;

/** Every scrape target with its health, last scrape, duration, samples and last error; refreshed every interval. */
export function TargetsTable({ intervalMs }: { intervalMs: number }) {
  const q = useQuery({
    queryKey: ["metrics-targets"],
    queryFn: async (): Promise<TargetsResponse> => {
      const res = await fetch("/api/metrics/targets");
      if (!res.ok) throw new Error(`the server answered HTTP ${res.status}`);
      return res.json();
    },
    refetchInterval: Math.max(intervalMs, 2000),
    retry: false,
  });
  const d = q.data;
  if (!d)
    return <p className="text-sm text-slate-600">{q.isError ? (q.error as Error).message : "Loading targets…"}</p>;
  if (d.status === "unavailable")
    return (
      <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
        Targets unavailable since {new Date(d.sinceMs).toLocaleTimeString()}: {d.message}
      </p>
    );
  const now = new Date();
  return (
    <div className="space-y-2">
      {d.problems.map((p) => (
        <p key={p} role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {p}
        </p>
      ))}
      {d.store && (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="store-stats">
          Embedded store: {formatCount(d.store.series)} series, {formatCount(d.store.samples)} samples,{" "}
          {formatBytes(d.store.bytes)} of {formatBytes(d.store.maxBytes)} cap, retention{" "}
          {Math.round(d.store.retentionMs / 3_600_000)} h
          {d.store.capEvictions > 0 && `, ${formatCount(d.store.evictedSamples)} samples evicted by the cap`}.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table
          className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800"
          aria-label="Scrape targets"
        >
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              {["Target", "Kind", "Health", "Last scrape", "Duration", "Samples", "Last error"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {d.targets.map((t) => (
              <tr key={t.id} data-testid="target-row" data-target={t.id} data-health={t.health}>
                <td className="px-3 py-2">
                  <span className="font-medium">{t.instanceName ?? t.hostName ?? t.id}</span>
                  <span className="block text-xs text-slate-500">{t.url}</span>
                </td>
                <td className="px-3 py-2">{t.kind ?? "?"}</td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${HEALTH_STYLE[t.health]}`}>
                    {t.health}
                  </span>
                  {t.downSinceMs !== null && t.health === "down" && (
                    <span className="block text-xs text-slate-500">
                      since {new Date(t.downSinceMs).toLocaleTimeString()}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {t.lastScrapeMs ? formatRelativeTime(new Date(t.lastScrapeMs), now) : "never"}
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {t.lastDurationMs === null ? "—" : `${t.lastDurationMs.toFixed(0)} ms`}
                </td>
                <td className="px-3 py-2 tabular-nums">{t.samples === null ? "—" : formatCount(t.samples)}</td>
                <td className="px-3 py-2 text-xs text-red-700 dark:text-red-400">{t.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.targets.length === 0 && (
        <p className="text-sm text-slate-600">No targets: nothing runs, and no exporter is configured.</p>
      )}
    </div>
  );
}
