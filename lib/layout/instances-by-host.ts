import type { Instance } from "../vocabulary/layout-schema";

/** The placed instances grouped by host id in one pass, each list in layout order. */
export function instancesByHost(instances: readonly Instance[]): Map<string, Instance[]> {
  const byHost = new Map<string, Instance[]>();
  for (const instance of instances) {
    const hostId = instance.placement?.hostId;
    if (hostId === undefined) continue;
    const placed = byHost.get(hostId);
    if (placed) placed.push(instance);
    else byHost.set(hostId, [instance]);
  }
  return byHost;
}
