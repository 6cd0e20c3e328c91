import { loadApplyTargets } from "../../queries/instances/load-apply-targets";
import { recordAppliedRevision } from "../../queries/instances/record-applied-revision";
import { db as serverDb } from "../../queries/db";

export interface SeedHost {
  name: string;
  labels?: Record<string, string>;
  /** Catalog GPU id, e.g. rtx-4090d. */
  gpuId: string;
  gpuName: string;
  gpuMemoryBytes: number;
  gpuCount: number;
}

export interface SeedInstance {
  key: string;
  engine: "vllm" | "tgi";
  model: string;
  host: string;
  gpus: number[];
  extra?: Record<string, unknown>;
}

export interface SeededFleet {
  layoutId: string;
  revisionId: string;
  hostIds: Record<string, string>;
  instanceIds: Record<string, string>;
}

/**
 * Registers hosts and applies a one-revision layout through the same queries the apply action runs (real rows:
 * host, gpu, layout, layout_revision, instance), for tests that need instances before the runtime starts them.
 */
export async function seedFleet(
  layoutName: string,
  hosts: SeedHost[],
  instances: SeedInstance[],
): Promise<SeededFleet> {
  const db = serverDb();
  const hostIds: Record<string, string> = {};
  for (const h of hosts) {
    const row = await db.host.create({
      data: {
        name: h.name,
        endpoint: "unix:///run/fleetdeck-test/docker.sock",
        labels: JSON.stringify(h.labels ?? {}),
        gpus: {
          create: Array.from({ length: h.gpuCount }, (_, index) => ({
            index,
            name: h.gpuName,
            memoryBytes: BigInt(h.gpuMemoryBytes),
          })),
        },
      },
    });
    hostIds[h.name] = row.id;
  }
  const document = {
    schemaVersion: 1,
    name: layoutName,
    hosts: hosts.map((h) => ({
      id: h.name,
      name: h.name,
      ramBytes: 64 * 1024 ** 3,
      cpuCores: 16,
      labels: h.labels ?? {},
      gpus: Array.from({ length: h.gpuCount }, (_, index) => ({ index, gpuId: h.gpuId })),
    })),
    instances: instances.map((i) => ({
      id: i.key,
      engine: i.engine,
      model: i.model,
      tp: i.gpus.length,
      placement: { hostId: i.host, gpuIndices: i.gpus },
      ...i.extra,
    })),
  };
  const layout = await db.layout.create({
    data: { name: layoutName, revisions: { create: { number: 1, document: JSON.stringify(document) } } },
    include: { revisions: true },
  });
  const revisionId = layout.revisions[0]!.id;
  await db.$transaction(async (tx) => recordAppliedRevision(tx, await loadApplyTargets(tx, revisionId)));
  const rows = await db.instance.findMany({ where: { layoutId: layout.id } });
  return {
    layoutId: layout.id,
    revisionId,
    hostIds,
    instanceIds: Object.fromEntries(rows.map((r) => [r.instanceKey, r.id])),
  };
}
