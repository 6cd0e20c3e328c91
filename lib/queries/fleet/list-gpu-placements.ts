import "server-only";
import { z } from "zod";
import { layoutSchema } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";

const indices = z.array(z.number().int()).catch([]);

export interface PlannedGpu {
  hostId: string;
  gpuIndex: number;
  layoutName: string;
  revisionNumber: number;
  instanceKey: string;
}

export interface ObservedGpu {
  hostId: string;
  gpuIndex: number;
  instanceId: string;
  instanceKey: string;
  replica: number;
  state: string;
}

/**
 * Per registered host and GPU: what the applied revisions plan there (from their documents) and what the replicas
 * placed there do now (their observed state). Extra replicas from scaling appear only as observed.
 */
export async function listGpuPlacements(client: DbClient): Promise<{ planned: PlannedGpu[]; observed: ObservedGpu[] }> {
  const hosts = await client.host.findMany({ select: { id: true, name: true } });
  const byName = new Map(hosts.map((h) => [h.name, h.id]));
  const known = new Set(hosts.map((h) => h.id));
  const deployments = await client.layoutDeployment.findMany({
    where: { revisionId: { not: null } },
    include: { layout: { select: { name: true } } },
  });
  const planned: PlannedGpu[] = [];
  for (const d of deployments) {
    const revision = await client.layoutRevision.findUnique({ where: { id: d.revisionId! } });
    const doc = revision ? layoutSchema.safeParse(JSON.parse(revision.document)) : null;
    if (!doc?.success) continue;
    for (const instance of doc.data.instances) {
      if (!instance.placement) continue;
      const planHost = doc.data.hosts.find((h) => h.id === instance.placement!.hostId);
      const hostId =
        (planHost?.boundHostId && known.has(planHost.boundHostId) && planHost.boundHostId) ||
        byName.get(planHost?.name ?? "") ||
        byName.get(instance.placement.hostId);
      if (!hostId) continue;
      for (const gpuIndex of instance.placement.gpuIndices)
        planned.push({
          hostId,
          gpuIndex,
          layoutName: d.layout.name,
          revisionNumber: d.revisionNumber ?? 0,
          instanceKey: instance.id,
        });
    }
  }
  const replicas = await client.instanceReplica.findMany({
    where: { hostId: { not: null }, state: { notIn: ["stopped", "pending"] } },
    include: { instance: { select: { instanceKey: true } } },
  });
  const observed = replicas.flatMap((r) =>
    indices.parse(JSON.parse(r.gpuIndices)).map((gpuIndex) => ({
      hostId: r.hostId!,
      gpuIndex,
      instanceId: r.instanceId,
      instanceKey: r.instance.instanceKey,
      replica: r.replica,
      state: r.state,
    })),
  );
  return { planned, observed };
}
