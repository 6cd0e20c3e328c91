"use client";

import { useRegisteredHosts } from "@/components/hosts/registered-hosts";
import { matchesRegistered } from "@/lib/designer/bound-host";
import { formatRelativeTime } from "@/lib/format";
import type { Host } from "@/lib/vocabulary/layout-schema";

/**
 * A planned host's binding in its header: "planned", or the real host's name, state, whether it is simulated, and
 * whether its GPUs still are the plan's (a later discovery may have found others).
 */
export function BoundHostBadge({ host }: { host: Host }) {
  const registered = useRegisteredHosts();
  const { boundHostId } = host;
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
      {matchesRegistered(host, real) ? null : (
        <span className="text-amber-700 dark:text-amber-400" title="Bind host again to take its GPUs">
          {" "}
          · GPUs differ from the real host
        </span>
      )}
    </span>
  );
}
