import "server-only";
import { grantsOf } from "../../auth/authorize";
import { can } from "../../auth/can";
import type { MetricsInventory } from "../../metrics/targets/inventory";
import { TARGET_LABEL } from "../../metrics/target-labels";
import type { Actor } from "../../vocabulary/access";

/** Which instances' and hosts' series a caller may read: an instance's metrics go to whoever may see the instance. */
export interface Visibility {
  instance(id: string): boolean;
  host(id: string): boolean;
  /** A series by its fleetdeck labels: every instance and host it names must be visible. */
  labels(labels: Record<string, string>): boolean;
}

export async function visibilityOf(actor: Actor, inventory: MetricsInventory): Promise<Visibility> {
  const grants = await grantsOf(actor);
  const instances = new Map(
    inventory.instances.map((i) => [
      i.id,
      can(actor, "instance.read", { type: "instance", id: i.id, hostLabels: i.hostLabels }, grants),
    ]),
  );
  const hosts = new Map(
    inventory.hosts.map((h) => [h.id, can(actor, "fleet.read", { type: "host", id: h.id, labels: h.labels }, grants)]),
  );
  // Series of instances or hosts that no longer exist (kept by retention or by Prometheus): fleet-wide readers only.
  const unknown =
    can(actor, "metrics.read", { type: "global" }, grants) && can(actor, "fleet.read", { type: "global" }, grants);
  const instance = (id: string) => instances.get(id) ?? unknown;
  const host = (id: string) => hosts.get(id) ?? unknown;
  return {
    instance,
    host,
    labels: (labels) => {
      const i = labels[TARGET_LABEL.instance];
      const h = labels[TARGET_LABEL.host];
      return (i === undefined || instance(i)) && (h === undefined || host(h));
    },
  };
}
