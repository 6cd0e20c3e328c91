import "server-only";
import type { HostRef } from "../../vocabulary/access";
import type { Layout } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

export interface RegisteredHost {
  id: string;
  name: string;
  labels: string;
}

/**
 * The registered host an instance placed on `placementHostId` runs on: the planned host's binding, else the
 * registered host named like the planned host, else one named like the placement. Undefined = not registered.
 */
export function registeredHostFor(
  layout: Layout,
  placementHostId: string,
  hosts: readonly RegisteredHost[],
): RegisteredHost | undefined {
  const planned = layout.hosts.find((h) => h.id === placementHostId);
  const bound = planned?.boundHostId ? hosts.find((h) => h.id === planned.boundHostId) : undefined;
  return bound ?? hosts.find((h) => h.name === (planned?.name ?? "")) ?? hosts.find((h) => h.name === placementHostId);
}

export function toHostRef(host: RegisteredHost): HostRef {
  return { id: host.id, name: host.name, labels: parseHostLabels(host.labels) };
}

/** The registered hosts the documents place instances on (labels from the host table, never from a document). */
export async function placedHosts(client: DbClient, layouts: readonly Layout[]): Promise<HostRef[]> {
  if (!layouts.some((l) => l.instances.some((i) => i.placement))) return [];
  const hosts = await client.host.findMany({ select: { id: true, name: true, labels: true } });
  const found = new Map<string, RegisteredHost>();
  for (const layout of layouts)
    for (const instance of layout.instances) {
      if (!instance.placement) continue;
      const host = registeredHostFor(layout, instance.placement.hostId, hosts);
      if (host) found.set(host.id, host);
    }
  return [...found.values()].map(toHostRef);
}
