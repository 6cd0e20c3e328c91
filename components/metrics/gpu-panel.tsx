"use client";

import { formatPercent } from "@/lib/format";
import type { MetricsPageData } from "@/lib/metrics/api/page-data";
import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import { TimeSeriesChart } from "./time-series-chart";
import { lastValues, type OkSeries, type SeriesData } from "./use-series";

export const GPU_SERIES: NamedSeriesId[] = [
  "gpu.utilization",
  "gpu.memory.used",
  "gpu.memory.free",
  "gpu.power",
  "gpu.temperature",
];

const onGpu = (hostId: string, gpu: number) => (l: Record<string, string>) =>
  l.fleetdeck_host === hostId && l.gpu === String(gpu);

function lastOn(s: OkSeries | undefined, hostId: string, gpu: number): number | null {
  return lastValues(s).find((r) => onGpu(hostId, gpu)(r.labels))?.value ?? null;
}

/**
 * One tile per GPU of a host: utilisation, memory used against the plan (weights + overhead, + KV cache) and the VRAM
 * ceiling (the tile turns red above it), power and temperature.
 */
export function GpuPanel({ page, hostId, data }: { page: MetricsPageData; hostId: string; data: SeriesData }) {
  const host = page.hosts.find((h) => h.id === hostId);
  const seen = lastValues(data.byId["gpu.memory.used"])
    .filter((r) => r.labels.fleetdeck_host === hostId)
    .map((r) => Number(r.labels.gpu));
  const indices = [...new Set([...(host?.gpus.map((g) => g.index) ?? []), ...seen])].sort((a, b) => a - b);
  if (indices.length === 0)
    return <p className="text-sm text-slate-600">No GPUs known on this host, and no GPU exporter reports any.</p>;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {indices.map((gpu) => {
        const plan = page.plannedGpus.find((p) => p.hostId === hostId && p.gpu === gpu);
        const used = lastOn(data.byId["gpu.memory.used"], hostId, gpu);
        const free = lastOn(data.byId["gpu.memory.free"], hostId, gpu);
        const total =
          host?.gpus.find((g) => g.index === gpu)?.memoryBytes ||
          plan?.memoryBytes ||
          (used !== null && free !== null ? used + free : 0);
        const ceilingBytes = total * page.vramCeiling;
        const danger = used !== null && total > 0 && used > ceilingBytes;
        const name = host?.gpus.find((g) => g.index === gpu)?.name ?? "GPU";
        const pick = onGpu(hostId, gpu);
        return (
          <section
            key={gpu}
            aria-label={`${host?.name ?? hostId} GPU ${gpu}`}
            data-testid={`gpu-tile-${gpu}`}
            data-danger={danger}
            className={`rounded-lg border p-3 ${danger ? "border-red-500" : "border-slate-200 dark:border-slate-800"}`}
          >
            <h3 className="mb-2 text-sm font-semibold">
              [{gpu}] {name}
              {total > 0 && used !== null && (
                <span className={`ml-2 font-normal ${danger ? "text-red-700 dark:text-red-400" : "text-slate-600"}`}>
                  {formatPercent(used / total)} of the card
                  {danger && ` — over the ${formatPercent(page.vramCeiling)} ceiling`}
                </span>
              )}
            </h3>
            <div className="grid gap-2 md:grid-cols-2">
              <TimeSeriesChart
                title="Memory used"
                testId={`gpu-memory-${gpu}`}
                unit="bytes"
                danger={danger}
                yMax={total || undefined}
                lines={[{ name: "used", result: data.byId["gpu.memory.used"], pick }]}
                references={[
                  ...(plan
                    ? [
                        {
                          y: plan.weightsAndOverheadBytes,
                          label: "planned weights + overhead",
                          color: "#0891b2",
                          position: "insideTopLeft" as const,
                        },
                        {
                          y: plan.withKvBytes,
                          label: "planned + KV cache",
                          color: "#4f46e5",
                          position: "insideBottomLeft" as const,
                        },
                      ]
                    : []),
                  ...(total > 0
                    ? [
                        {
                          y: ceilingBytes,
                          label: `VRAM ≤ ${formatPercent(page.vramCeiling)}`,
                          color: "#dc2626",
                          position: "insideBottomRight" as const,
                        },
                      ]
                    : []),
                ]}
              />
              <TimeSeriesChart
                title="Utilisation"
                testId={`gpu-util-${gpu}`}
                unit="percent"
                yMax={100}
                lines={[{ name: "util", result: data.byId["gpu.utilization"], pick }]}
              />
              <TimeSeriesChart
                title="Power"
                testId={`gpu-power-${gpu}`}
                unit="watts"
                lines={[{ name: "power", result: data.byId["gpu.power"], pick }]}
              />
              <TimeSeriesChart
                title="Temperature"
                testId={`gpu-temp-${gpu}`}
                unit="celsius"
                lines={[{ name: "temperature", result: data.byId["gpu.temperature"], pick }]}
              />
            </div>
          </section>
        );
      })}
    </div>
  );
}
