import type { ApplyTargets } from "../../queries/instances/load-apply-targets";
import type { Check } from "../../vocabulary/access";

/**
 * Applying needs layout.apply on the layout and on every host the change touches: where new and changed instances
 * go and where changed or removed instances run now (old and new placements), by the host table's labels.
 */
export function applyChecks(targets: ApplyTargets): Check[] {
  return [
    { action: "layout.apply", resource: { type: "layout", id: targets.layoutId } },
    ...targets.touchedHosts.map(
      (h): Check => ({
        action: "layout.apply",
        resource: { type: "host", id: h.hostId, name: h.hostName, labels: h.labels },
      }),
    ),
  ];
}
