import "server-only";
import { ActionError } from "../../server/action-error";
import type { DbClient } from "../db";
import { portsInUse, takePort } from "./host-ports";
import type { ApplyTargets } from "./load-apply-targets";

export interface InstanceStateBefore {
  instanceKey: string;
  hostId: string | null;
  desiredState: string;
  revisionId: string;
}

const FIRST_PORT = 8000;
const BACK_OFF_RESET = { error: null, attempts: 0, retryAt: null };

/**
 * Records an applied revision: every instance of it is to run on its host's GPUs with its spec (replica 0 on the
 * layout's placement and port, or the lowest free port from 8000), the layout's instances the revision no longer
 * has are to stop, and extra replicas stay where they are unless the revision now places something on their GPUs
 * (then the apply is refused). Returns the layout's instances as they were, for the audit row.
 */
export async function recordAppliedRevision(client: DbClient, targets: ApplyTargets): Promise<InstanceStateBefore[]> {
  const before = await client.instance.findMany({
    where: { layoutId: targets.layoutId },
    select: { instanceKey: true, hostId: true, desiredState: true, revisionId: true },
  });
  await refuseCollidingReplicas(client, targets);
  for (const i of targets.instances) {
    const data = {
      revisionId: targets.revisionId,
      hostId: i.hostId,
      gpuIndices: JSON.stringify(i.gpuIndices),
      spec: i.spec,
      desiredState: "running",
    };
    const instance = await client.instance.upsert({
      where: { layoutId_instanceKey: { layoutId: targets.layoutId, instanceKey: i.instanceKey } },
      create: { layoutId: targets.layoutId, instanceKey: i.instanceKey, ...data },
      update: data,
    });
    const first = await client.instanceReplica.findUnique({
      where: { instanceId_replica: { instanceId: instance.id, replica: 0 } },
    });
    const layoutPort = (JSON.parse(i.spec) as { port?: number }).port;
    const samePlace = first?.hostId === i.hostId && first.gpuIndices === data.gpuIndices;
    const hostPort =
      layoutPort ??
      (samePlace && first?.hostPort
        ? first.hostPort
        : takePort(await portsInUse(client, i.hostId, first ? [first.id] : []), FIRST_PORT));
    const placement = { hostId: i.hostId, gpuIndices: data.gpuIndices, hostPort };
    await client.instanceReplica.upsert({
      where: { instanceId_replica: { instanceId: instance.id, replica: 0 } },
      create: { instanceId: instance.id, replica: 0, ...placement },
      update: { ...placement, ...BACK_OFF_RESET },
    });
    await client.instanceReplica.updateMany({ where: { instanceId: instance.id }, data: BACK_OFF_RESET });
  }
  for (const r of targets.removed) {
    await client.instance.update({ where: { id: r.id }, data: { desiredState: "stopped" } });
  }
  return before;
}

/** Extra replicas (scaled out) of the layout's instances must not sit on GPUs the revision now places an instance on. */
async function refuseCollidingReplicas(client: DbClient, targets: ApplyTargets): Promise<void> {
  const extras = await client.instanceReplica.findMany({
    where: { replica: { gt: 0 }, instance: { layoutId: targets.layoutId, desiredState: "running" } },
    include: { instance: { select: { instanceKey: true } } },
  });
  const kept = new Set(targets.instances.map((i) => i.instanceKey));
  for (const extra of extras) {
    if (!kept.has(extra.instance.instanceKey)) continue;
    const gpus = JSON.parse(extra.gpuIndices) as number[];
    const clash = targets.instances.find(
      (i) => i.hostId === extra.hostId && i.gpuIndices.some((g) => gpus.includes(g)),
    );
    if (clash) {
      throw new ActionError(
        `Replica ${extra.replica} of "${extra.instance.instanceKey}" runs on GPU ${gpus.join(", ")} of ${clash.hostName}, where revision ${targets.revisionNumber} places "${clash.instanceKey}": scale "${extra.instance.instanceKey}" down to ${extra.replica} replica(s) first, then apply.`,
        { status: 409 },
      );
    }
  }
}
