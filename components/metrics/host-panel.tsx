"use client";

import type { MetricsPageData } from "@/lib/metrics/api/page-data";
import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import { TimeSeriesChart } from "./time-series-chart";
import { lastValues, type SeriesData } from "./use-series";

export const HOST_SERIES: NamedSeriesId[] = [
  "host.cpu.busy",
  "host.memory.used",
  "host.memory.total",
  "host.network.receive.rate",
  "host.network.transmit.rate",
];

/** A host's CPU, memory and network, from its node_exporter. */
export function HostPanel({ page, hostId, data }: { page: MetricsPageData; hostId: string; data: SeriesData }) {
  const host = page.hosts.find((h) => h.id === hostId);
  const total = lastValues(data.byId["host.memory.total"]).find((r) => r.labels.fleetdeck_host === hostId)?.value;
  const pick = (l: Record<string, string>) => l.fleetdeck_host === hostId;
  return (
    <div className="space-y-2">
      {host && !host.hasNodeExporter && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No node_exporter is configured for {host.name}: set its URL on the host to see CPU, memory and network.
        </p>
      )}
      <div className="grid gap-3 lg:grid-cols-3">
        <TimeSeriesChart
          title="CPU busy"
          testId="host-cpu"
          unit="ratio"
          yMax={1}
          lines={[{ name: "cpu", result: data.byId["host.cpu.busy"], pick }]}
        />
        <TimeSeriesChart
          title="Memory used"
          testId="host-memory"
          unit="bytes"
          yMax={total ?? undefined}
          lines={[{ name: "used", result: data.byId["host.memory.used"], pick }]}
          references={total ? [{ y: total, label: "total", color: "#64748b" }] : []}
        />
        <TimeSeriesChart
          title="Network"
          testId="host-network"
          unit="bytes/s"
          lines={[
            { name: "received", result: data.byId["host.network.receive.rate"], pick, nameOf: () => "received" },
            { name: "sent", result: data.byId["host.network.transmit.rate"], pick, nameOf: () => "sent" },
          ]}
        />
      </div>
    </div>
  );
}
