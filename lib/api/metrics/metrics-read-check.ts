import "server-only";
import type { Selector } from "../../metrics/query-schema";
import type { MetricsInventory } from "../../metrics/targets/inventory";
import { ActionError } from "../../server/action-error";
import type { Check } from "../../vocabulary/access";

/**
 * The permission a metrics read needs: an instance's series need `instance.read` on that instance, a host's
 * `fleet.read` on that host, fleet-wide charts `metrics.read` (and each series is then filtered by visibility).
 */
export function metricsReadCheck(selector: Selector, inventory: MetricsInventory): Check {
  if (selector.instance !== undefined) {
    const instance = inventory.instances.find((i) => i.id === selector.instance);
    if (!instance)
      throw new ActionError(
        `There is no instance with id ${selector.instance}: GET /api/v1/instances lists the instances and their ids.`,
        { status: 404 },
      );
    return {
      action: "instance.read",
      resource: { type: "instance", id: instance.id, hostLabels: instance.hostLabels },
    };
  }
  if (selector.host !== undefined) {
    const host = inventory.hosts.find((h) => h.id === selector.host);
    if (!host)
      throw new ActionError(`There is no host with id ${selector.host}: the Fleet page lists the registered hosts.`, {
        status: 404,
      });
    return { action: "fleet.read", resource: { type: "host", id: host.id, labels: host.labels } };
  }
  return { action: "metrics.read", resource: { type: "global" } };
}
