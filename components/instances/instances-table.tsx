"use client";

import Link from "next/link";
import { formatRelativeTime } from "@/lib/format";
import { CopyButton } from "./copy-button";
import { useInstanceFilters } from "./instance-filters";
import { InstanceStateButtons } from "./instance-state-buttons";
import { ReplicaStateBadge } from "./replica-state-badge";
import { useInstances } from "./use-instances";
import type { InstanceOut, ReplicaOut } from "./wire-types";

interface Row {
  instance: InstanceOut;
  replica: ReplicaOut;
}

const UP_STATES = new Set(["healthy", "loading", "unhealthy"]);

function matches(row: Row, filters: { layout: string | null; host: string | null; state: string | null }) {
  return (
    (!filters.layout || row.instance.layoutId === filters.layout) &&
    (!filters.host || row.replica.hostId === filters.host) &&
    (!filters.state || row.replica.state === filters.state)
  );
}

/** Every replica of every instance, polled once a second; filters from the URL; actions where the caller may act. */
export function InstancesTable({ initial }: { initial: InstanceOut[] }) {
  const { data, error } = useInstances(initial);
  const [filters] = useInstanceFilters();
  const rows: Row[] = data
    .flatMap((instance) => instance.replicas.map((replica) => ({ instance, replica })))
    .filter((r) => matches(r, filters));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      {error && (
        <p role="alert" className="p-2 text-sm text-red-700">
          Could not refresh: {error.message}
        </p>
      )}
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Instances</caption>
        <thead className="bg-slate-100 dark:bg-slate-900">
          <tr>
            {[
              "Instance",
              "Layout",
              "Host",
              "GPUs",
              "Engine · model",
              "Desired",
              "State",
              "Up",
              "Endpoint",
              "Actions",
            ].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {rows.map(({ instance, replica }) => (
            <tr
              key={`${instance.id}-${replica.replica}`}
              data-instance={instance.instanceKey}
              data-replica={replica.replica}
            >
              <td className="px-3 py-2 font-medium">
                <Link href={`/instances/${instance.id}`} className="underline">
                  {instance.instanceKey}
                </Link>
                {instance.replicaCount > 1 && <span className="text-slate-500"> #{replica.replica}</span>}
              </td>
              <td className="px-3 py-2">{instance.layoutName}</td>
              <td className="px-3 py-2">{replica.hostName ?? "unplaced"}</td>
              <td className="px-3 py-2">{replica.gpuIndices.join(", ") || "—"}</td>
              <td className="px-3 py-2">
                {instance.engine} · <span className="break-all">{instance.model}</span>
              </td>
              <td className="px-3 py-2">{instance.desiredState}</td>
              <td className="px-3 py-2">
                <ReplicaStateBadge state={replica.state} exitCode={replica.exitCode} />
                {(replica.detail || replica.error) && (
                  <p
                    className="mt-1 max-w-sm truncate text-xs text-slate-500"
                    title={replica.error ?? replica.detail ?? ""}
                  >
                    {replica.error ?? replica.detail}
                  </p>
                )}
              </td>
              <td className="px-3 py-2 text-xs text-slate-500">
                {UP_STATES.has(replica.state)
                  ? formatRelativeTime(new Date(replica.stateSince)).replace(" ago", "")
                  : "—"}
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {replica.endpoint ? (
                  <>
                    {replica.endpoint}/v1
                    <CopyButton
                      text={`${replica.endpoint}/v1`}
                      label={`Copy the endpoint of ${instance.instanceKey} replica ${replica.replica}`}
                    />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2">
                {instance.may.operate && replica.replica === 0 ? (
                  <InstanceStateButtons
                    instanceId={instance.id}
                    instanceKey={instance.instanceKey}
                    desiredState={instance.desiredState}
                    replicas={instance.replicaCount}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-4 text-center text-sm text-slate-500">No replica matches the filters.</p>}
    </div>
  );
}
