import Link from "next/link";
import { ReplicaStateBadge } from "@/components/instances/replica-state-badge";
import type { ObservedGpu, PlannedGpu } from "@/lib/queries/fleet/list-gpu-placements";

export interface GridHost {
  id: string;
  name: string;
  gpuIndices: number[];
  simulated: boolean;
}

/**
 * Hosts × GPUs: on each GPU, what the applied revisions plan (top) and what runs there now (bottom, with its state).
 * A GPU whose plan and reality differ is outlined.
 */
export function GpuPlacementGrid({
  hosts,
  planned,
  observed,
}: {
  hosts: GridHost[];
  planned: PlannedGpu[];
  observed: ObservedGpu[];
}) {
  const width = Math.max(1, ...hosts.map((h) => h.gpuIndices.length));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full text-xs" aria-label="GPUs: planned and observed">
        <thead className="bg-slate-100 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-2 text-left font-medium">
              Host
            </th>
            {Array.from({ length: width }, (_, i) => `GPU ${i}`).map((label) => (
              <th key={label} scope="col" className="px-2 py-2 text-left font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {hosts.map((host) => (
            <tr key={host.id}>
              <th scope="row" className="px-2 py-2 text-left font-medium">
                {host.name}
                {host.simulated && <span className="ml-1 text-slate-500">(simulated)</span>}
              </th>
              {host.gpuIndices.map((index) => {
                const plan = planned.filter((p) => p.hostId === host.id && p.gpuIndex === index);
                const seen = observed.filter((o) => o.hostId === host.id && o.gpuIndex === index);
                const plannedKeys = new Set(plan.map((p) => p.instanceKey));
                const agrees =
                  seen.every((o) => o.replica > 0 || plannedKeys.has(o.instanceKey)) &&
                  plan.every((p) => seen.some((o) => o.instanceKey === p.instanceKey && o.state === "healthy"));
                return (
                  <td
                    key={index}
                    data-gpu={`${host.name}/${index}`}
                    className={`px-2 py-2 align-top ${agrees ? "" : "outline outline-1 -outline-offset-2 outline-amber-400"}`}
                  >
                    <div className="text-slate-500">
                      {plan.map((p) => (
                        <div
                          key={`${p.layoutName}-${p.instanceKey}`}
                          title={`${p.layoutName}, revision ${p.revisionNumber}`}
                        >
                          plan: {p.instanceKey}
                        </div>
                      ))}
                    </div>
                    {seen.map((o) => (
                      <div key={`${o.instanceId}-${o.replica}`} className="mt-1">
                        <Link href={`/instances/${o.instanceId}`} className="underline">
                          {o.instanceKey}
                          {o.replica > 0 ? ` #${o.replica}` : ""}
                        </Link>{" "}
                        <ReplicaStateBadge state={o.state} />
                      </div>
                    ))}
                    {plan.length === 0 && seen.length === 0 && <span className="text-slate-400">free</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
