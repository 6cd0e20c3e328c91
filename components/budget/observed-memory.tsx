"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes, formatPercent } from "@/lib/format";
import { type ObservedGpusResponse, observedHostFor } from "@/lib/metrics/api/observed-gpus";

/** One request for every cell of the grid (TanStack Query shares it), refreshed every 10 s. */
function useObservedGpus() {
  return useQuery({
    queryKey: ["observed-gpus"],
    queryFn: async (): Promise<ObservedGpusResponse | null> => {
      const res = await fetch("/api/metrics/observed-gpus");
      return res.ok ? res.json() : null;
    },
    refetchInterval: 10_000,
    retry: false,
    staleTime: 5_000,
  });
}

/**
 * The observed layer of a GPU cell: what the card really holds, as a solid strip on the same scale as the planned
 * bar above it (one denominator), with "used / plan %". Amber when it holds more than planned, red past the card.
 * Nothing is drawn for a GPU no exporter reports ("no live data" is not 0 %).
 */
export function ObservedMemory({
  hostId,
  gpuIndex,
  memoryBytes,
  plannedBytes,
}: {
  hostId: string;
  gpuIndex: number;
  memoryBytes: number;
  plannedBytes: number;
}) {
  const { data } = useObservedGpus();
  const gpu = data ? observedHostFor(data, hostId)?.gpus.find((g) => g.gpu === gpuIndex) : undefined;
  if (!gpu) return null;
  const card = gpu.totalBytes ?? memoryBytes;
  const scale = Math.max(memoryBytes, plannedBytes, gpu.usedBytes, 1);
  const band = gpu.usedBytes > card ? "red" : plannedBytes > 0 && gpu.usedBytes > plannedBytes ? "amber" : "green";
  const color = { red: "bg-red-600", amber: "bg-amber-500", green: "bg-emerald-600" }[band];
  return (
    <div data-testid="observed-memory" data-used-bytes={gpu.usedBytes} data-band={band} className="mt-0.5">
      <div aria-hidden className="h-1 w-full rounded-sm bg-slate-100 dark:bg-slate-800">
        <div
          className={`h-1 rounded-sm ${color}`}
          style={{ width: `${Math.min(100, (gpu.usedBytes / scale) * 100)}%` }}
        />
      </div>
      <p className="truncate text-[10px] tabular-nums text-slate-600 dark:text-slate-400">
        used {formatBytes(gpu.usedBytes)}
        {plannedBytes > 0 && ` · ${formatPercent(gpu.usedBytes / plannedBytes)} of plan`}
      </p>
    </div>
  );
}
