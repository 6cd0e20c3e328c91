import type { ApplyTargets } from "../../queries/instances/load-apply-targets";
import type { Check } from "../../vocabulary/access";

/** Applying needs layout.apply on the layout and on every host the change touches. */
export function applyChecks(targets: ApplyTargets): Check[] {
  const hosts = new Map<string, Record<string, string>>();
  for (const i of targets.instances) hosts.set(i.hostId, i.hostLabels);
  for (const r of targets.removed) hosts.set(r.hostId ?? "unplaced", r.hostLabels);
  return [
    { action: "layout.apply", resource: { type: "layout", id: targets.layoutId } },
    ...[...hosts].map(([id, labels]): Check => ({ action: "layout.apply", resource: { type: "host", id, labels } })),
  ];
}
