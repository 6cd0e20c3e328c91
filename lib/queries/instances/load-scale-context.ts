import "server-only";
import { z } from "zod";
import type { DbClient } from "../db";

const indices = z.array(z.number().int()).catch([]);

export interface GpuClaim {
  instanceId: string;
  replica: number;
  hostId: string;
  gpuIndices: number[];
  /** The claiming instance's spec (JSON), so placement knows its share of each GPU. */
  spec: string;
}

export interface ScaleContext {
  /** The layout revision the instance was applied from (JSON), whose hosts replicas may be placed on. */
  document: string;
  revisionNumber: number;
  registeredHosts: { id: string; name: string; endpoint: string; labels: string }[];
  /** What every replica meant to run holds now, on every registered host. */
  claims: GpuClaim[];
}

/** What scaling an instance needs to place new replicas on free GPUs. */
export async function loadScaleContext(client: DbClient, revisionId: string): Promise<ScaleContext | null> {
  const revision = await client.layoutRevision.findUnique({ where: { id: revisionId } });
  if (!revision) return null;
  const registeredHosts = await client.host.findMany({
    select: { id: true, name: true, endpoint: true, labels: true },
  });
  const replicas = await client.instanceReplica.findMany({
    where: { hostId: { not: null }, instance: { desiredState: "running" } },
    include: { instance: { select: { spec: true } } },
  });
  return {
    document: revision.document,
    revisionNumber: revision.number,
    registeredHosts,
    claims: replicas.map((r) => ({
      instanceId: r.instanceId,
      replica: r.replica,
      hostId: r.hostId!,
      gpuIndices: indices.parse(JSON.parse(r.gpuIndices)),
      spec: r.instance.spec,
    })),
  };
}
