"use client";

import { useRegisteredHosts } from "@/components/hosts/registered-hosts";
import { formatRelativeTime } from "@/lib/format";

/** A planned host's binding in its header: "planned", or the real host's name, state and whether it is simulated. */
export function BoundHostBadge({ boundHostId }: { boundHostId: string | undefined }) {
  const registered = useRegisteredHosts();
  if (!boundHostId) return <>planned</>;
  if (!registered) return <>bound to a registered host</>;
  const real = registered.byId.get(boundHostId);
  if (!real) return <span title="The registered host it was bound to no longer exists">bound to a removed host</span>;
  const since = real.since ? ` since ${formatRelativeTime(new Date(real.since), registered.now)}` : "";
  const state =
    real.status === "reachable" ? (
      <span className="text-emerald-700 dark:text-emerald-400">● reachable</span>
    ) : real.status === "unreachable" ? (
      <span className="text-red-700 dark:text-red-400" title={real.error ?? undefined}>
        ● unreachable{since}
      </span>
    ) : (
      <span>○ not checked</span>
    );
  return (
    <span data-testid="bound-host" title={real.error ?? undefined}>
      {real.name} {state}
      {real.simulatedGpus ? <span className="text-amber-700 dark:text-amber-400"> · simulated</span> : null}
    </span>
  );
}
