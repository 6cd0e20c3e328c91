"use client";

import type { MetricsPageData } from "@/lib/metrics/api/page-data";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { inputClass } from "../ui/field";
import { FLEET_SERIES, FleetOverview } from "./fleet-overview";
import { GPU_SERIES, GpuPanel } from "./gpu-panel";
import { HOST_SERIES, HostPanel } from "./host-panel";
import { INSTANCE_SERIES, InstancePanel } from "./instance-panel";
import { LoadTestCompare } from "./load-test-compare";
import { LoadTestForm } from "./load-test-form";
import { LoadTestRuns } from "./load-test-runs";
import { namesOf } from "./names";
import { PredictedTable } from "./predicted-table";
import { RangePicker } from "./range-picker";
import { TargetsTable } from "./targets-table";
import { METRICS_VIEWS, type MetricsView, useMetricsUrlState } from "./url-state";
import { ViewWithSeries } from "./view-with-series";

const VIEW_LABEL: Record<MetricsView, string> = {
  fleet: "Fleet",
  gpus: "GPUs",
  hosts: "Hosts",
  instances: "Instances",
  targets: "Targets",
  predicted: "Predicted vs actual",
  load: "Load tests",
};
const CHARTED: ReadonlySet<MetricsView> = new Set(["fleet", "gpus", "hosts", "instances"]);

function Picker({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { id: string; name: string }[];
  onChange: (id: string) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      {label}
      <select
        aria-label={label}
        className={`${inputClass} w-auto`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Metrics page: views as tabs, range and selection in the URL so a view is shareable. */
export function MetricsDashboard({ page }: { page: MetricsPageData }) {
  const [state, setState] = useMetricsUrlState();
  const names = namesOf(page);
  const hostId = state.host ?? page.hosts[0]?.id ?? null;
  const instance =
    page.instances.find((i) => i.id === state.instance) ??
    page.instances.find((i) => i.runningReplicas.length > 0) ??
    page.instances[0] ??
    null;
  const hostOptions = page.hosts.map((h) => ({ id: h.id, name: h.name }));
  const instanceOptions = page.instances.map((i) => ({ id: i.id, name: `${i.layoutName} / ${i.instanceKey}` }));
  const view = state.view;
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="metrics-mode">
        {page.mode === "prometheus"
          ? "Source: Prometheus (PROMETHEUS_URL)"
          : `Source: the embedded scraper, every ${page.intervalMs / 1000} s`}
      </p>
      <div role="tablist" aria-label="Metrics views" className="flex flex-wrap gap-1">
        {METRICS_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={view === v ? primaryButtonClass : buttonClass}
            onClick={() => void setState({ view: v })}
          >
            {VIEW_LABEL[v]}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {CHARTED.has(view) && <RangePicker />}
        {(view === "gpus" || view === "hosts") && hostId && (
          <Picker label="Host" value={hostId} options={hostOptions} onChange={(id) => void setState({ host: id })} />
        )}
        {(view === "instances" || view === "load") && instance && (
          <Picker
            label="Instance"
            value={instance.id}
            options={instanceOptions}
            onChange={(id) => void setState({ instance: id })}
          />
        )}
      </div>
      <div role="tabpanel" aria-label={VIEW_LABEL[view]}>
        {view === "fleet" && (
          <ViewWithSeries series={FLEET_SERIES} selector={{}} intervalMs={page.intervalMs} names={names}>
            {(data) => <FleetOverview page={page} data={data} names={names} />}
          </ViewWithSeries>
        )}
        {view === "gpus" &&
          (hostId ? (
            <ViewWithSeries series={GPU_SERIES} selector={{ host: hostId }} intervalMs={page.intervalMs} names={names}>
              {(data) => <GpuPanel page={page} hostId={hostId} data={data} />}
            </ViewWithSeries>
          ) : (
            <p className="text-sm">No hosts are registered.</p>
          ))}
        {view === "hosts" &&
          (hostId ? (
            <ViewWithSeries series={HOST_SERIES} selector={{ host: hostId }} intervalMs={page.intervalMs} names={names}>
              {(data) => <HostPanel page={page} hostId={hostId} data={data} />}
            </ViewWithSeries>
          ) : (
            <p className="text-sm">No hosts are registered.</p>
          ))}
        {view === "instances" &&
          (instance ? (
            <ViewWithSeries
              series={INSTANCE_SERIES}
              selector={{ instance: instance.id }}
              intervalMs={page.intervalMs}
              names={names}
            >
              {(data) => <InstancePanel data={data} />}
            </ViewWithSeries>
          ) : (
            <p className="text-sm">No instances are applied.</p>
          ))}
        {view === "targets" && <TargetsTable intervalMs={page.intervalMs} />}
        {view === "predicted" && <PredictedTable />}
        {view === "load" && (
          <div className="space-y-4">
            {instance?.mayLoad && <LoadTestForm key={instance.id} instance={instance} />}
            {instance && !instance.mayLoad && (
              <p className="text-sm text-slate-600">
                Sending test load needs the operator role with a grant on {instance.hostName ?? "this instance's host"}.
              </p>
            )}
            <h3 className="text-sm font-semibold">Runs{instance ? ` of ${instance.instanceKey}` : ""}</h3>
            <LoadTestRuns instanceId={instance?.id ?? null} mayStop={instance?.mayLoad ?? false} />
            <h3 className="text-sm font-semibold">Compared runs</h3>
            <LoadTestCompare ids={state.compare} />
          </div>
        )}
      </div>
    </div>
  );
}
