import "server-only";
import type { DbClient } from "../db";
import type { ApplyTargets } from "./load-apply-targets";

export interface InstanceStateBefore {
  instanceKey: string;
  hostId: string | null;
  desiredState: string;
  revisionId: string;
}

/**
 * Records an applied revision: every instance of it is to run on its host's GPUs with its spec, and the layout's
 * instances the revision no longer has are to stop. Returns the layout's instances as they were, for the audit row.
 */
export async function recordAppliedRevision(client: DbClient, targets: ApplyTargets): Promise<InstanceStateBefore[]> {
  const before = await client.instance.findMany({
    where: { layoutId: targets.layoutId },
    select: { instanceKey: true, hostId: true, desiredState: true, revisionId: true },
  });
  for (const i of targets.instances) {
    const data = {
      revisionId: targets.revisionId,
      hostId: i.hostId,
      gpuIndices: JSON.stringify(i.gpuIndices),
      spec: i.spec,
      desiredState: "running",
    };
    await client.instance.upsert({
      where: { layoutId_instanceKey: { layoutId: targets.layoutId, instanceKey: i.instanceKey } },
      create: { layoutId: targets.layoutId, instanceKey: i.instanceKey, ...data },
      update: data,
    });
  }
  for (const r of targets.removed) {
    await client.instance.update({ where: { id: r.id }, data: { desiredState: "stopped" } });
  }
  return before;
}
