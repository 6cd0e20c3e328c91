import "server-only";
import type { DbClient } from "../db";

/** The instances placed on a host that should be running, with their layout's name (why a host cannot be removed). */
export async function listPlacedInstances(
  client: DbClient,
  hostId: string,
): Promise<{ instanceKey: string; layoutName: string }[]> {
  const rows = await client.instance.findMany({
    where: { hostId, desiredState: "running" },
    select: { instanceKey: true, layout: { select: { name: true } } },
    orderBy: { instanceKey: "asc" },
  });
  return rows.map((r) => ({ instanceKey: r.instanceKey, layoutName: r.layout.name }));
}
