import type { ApplyTargets } from "../../queries/instances/load-apply-targets";
import type { Check } from "../../vocabulary/access";

/**
 * Applying needs layout.apply on the layout and on every host the change touches: where each instance of the
 * revision is to run, where it runs now (a move takes it off that host), and where each instance the revision
 * drops runs (it is stopped there).
 */
export function applyChecks(targets: ApplyTargets): Check[] {
  const hosts = new Map<string, { name: string; labels: Record<string, string> }>();
  for (const i of targets.instances) hosts.set(i.hostId, { name: i.hostName, labels: i.hostLabels });
  for (const r of [...targets.current, ...targets.removed])
    hosts.set(r.hostId ?? "unplaced", { name: r.hostName ?? "no host", labels: r.hostLabels });
  return [
    { action: "layout.apply", resource: { type: "layout", id: targets.layoutId } },
    ...[...hosts].map(
      ([id, h]): Check => ({ action: "layout.apply", resource: { type: "host", id, name: h.name, labels: h.labels } }),
    ),
  ];
}
