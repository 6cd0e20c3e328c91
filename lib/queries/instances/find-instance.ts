import "server-only";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

export interface InstanceWithHost {
  id: string;
  instanceKey: string;
  desiredState: string;
  hostLabels: Record<string, string>;
}

/** One applied instance and the labels of its host (for the permission check), or null. */
export async function findInstance(client: DbClient, instanceId: string): Promise<InstanceWithHost | null> {
  const row = await client.instance.findUnique({ where: { id: instanceId }, include: { host: true } });
  if (!row) return null;
  return {
    id: row.id,
    instanceKey: row.instanceKey,
    desiredState: row.desiredState,
    hostLabels: row.host ? parseHostLabels(row.host.labels) : {},
  };
}
