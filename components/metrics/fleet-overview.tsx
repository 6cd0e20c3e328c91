"use client";

import { formatBytes, formatCount } from "@/lib/format";
import type { MetricsPageData } from "@/lib/metrics/api/page-data";
import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import type { Names } from "./names";
import { StatTile } from "./stat-tile";
import { TimeSeriesChart } from "./time-series-chart";
import { lastValues, type SeriesData, sumLast } from "./use-series";

export const FLEET_SERIES: NamedSeriesId[] = [
  "gpu.utilization",
  "gpu.memory.used",
  "instance.tokens.generation.rate",
  "instance.tokens.prompt.rate",
  "instance.requests.running",
  "instance.requests.waiting",
];

/** A GPU counts as busy above this utilisation. */
const BUSY_PERCENT = 10;

/** The fleet at a glance: GPUs busy, memory used against the plan, instances by state, tokens/s, requests. */
export function FleetOverview({ page, data, names }: { page: MetricsPageData; data: SeriesData; names: Names }) {
  const util = lastValues(data.byId["gpu.utilization"]);
  const gpuTotal = Math.max(
    page.hosts.reduce((n, h) => n + h.gpus.length, 0),
    util.length,
  );
  const busy = util.filter((u) => (u.value ?? 0) > BUSY_PERCENT).length;
  const used = sumLast(data.byId["gpu.memory.used"]);
  const planned = page.plannedGpus.reduce((n, g) => n + g.projectedUsedBytes, 0);
  const states = new Map<string, number>();
  for (const i of page.instances) {
    const state = i.runningReplicas.length > 0 ? "running" : i.desiredState === "running" ? "not running" : "stopped";
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  const tokens = sumLast(data.byId["instance.tokens.generation.rate"]);
  const running = sumLast(data.byId["instance.requests.running"]);
  const waiting = sumLast(data.byId["instance.requests.waiting"]);
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <StatTile
          label="GPUs busy"
          testId="gpus-busy"
          value={`${busy} / ${gpuTotal}`}
          detail={`utilisation over ${BUSY_PERCENT} %`}
        />
        <StatTile
          label="GPU memory used / planned"
          testId="memory"
          value={used === null ? "—" : formatBytes(used)}
          detail={`planned ${formatBytes(planned)}`}
        />
        <StatTile
          label="Instances"
          testId="instances"
          value={formatCount(page.instances.length)}
          detail={[...states].map(([s, n]) => `${n} ${s}`).join(", ") || "none applied"}
        />
        <StatTile label="Generated tokens/s" testId="tokens" value={tokens === null ? "—" : formatCount(tokens)} />
        <StatTile
          label="Requests running / waiting"
          testId="requests"
          value={`${running === null ? "—" : formatCount(running)} / ${waiting === null ? "—" : formatCount(waiting)}`}
        />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <TimeSeriesChart
          title="Generated tokens per second"
          testId="fleet-tokens"
          unit="tokens/s"
          lines={[
            {
              name: "tokens",
              result: data.byId["instance.tokens.generation.rate"],
              nameOf: (l) => names.instance(l.fleetdeck_instance),
            },
          ]}
        />
        <TimeSeriesChart
          title="Requests running and waiting"
          testId="fleet-requests"
          unit="requests"
          lines={[
            {
              name: "running",
              result: data.byId["instance.requests.running"],
              nameOf: (l) => `${names.instance(l.fleetdeck_instance)} running`,
            },
            {
              name: "waiting",
              result: data.byId["instance.requests.waiting"],
              nameOf: (l) => `${names.instance(l.fleetdeck_instance)} waiting`,
            },
          ]}
        />
        <TimeSeriesChart
          title="GPU memory used"
          testId="fleet-memory"
          unit="bytes"
          lines={[{ name: "used", result: data.byId["gpu.memory.used"], nameOf: names.gpu }]}
        />
        <TimeSeriesChart
          title="GPU utilisation"
          testId="fleet-utilization"
          unit="percent"
          yMax={100}
          lines={[{ name: "util", result: data.byId["gpu.utilization"], nameOf: names.gpu }]}
        />
      </div>
    </div>
  );
}
