import "server-only";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

/** A layout's instances that are meant to run, with every host their replicas are on (stopping all touches them). */
export async function listLayoutInstances(client: DbClient, layoutId: string) {
  const rows = await client.instance.findMany({
    where: { layoutId, desiredState: "running" },
    include: { replicas: { select: { hostId: true } } },
  });
  const hostIds = [
    ...new Set(rows.flatMap((r) => [r.hostId, ...r.replicas.map((x) => x.hostId)]).filter((h): h is string => !!h)),
  ];
  const hosts = await client.host.findMany({ where: { id: { in: hostIds } } });
  return {
    instances: rows.map((r) => ({ id: r.id, instanceKey: r.instanceKey })),
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, labels: parseHostLabels(h.labels) })),
  };
}
