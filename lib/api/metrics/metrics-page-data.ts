import "server-only";
import { grantsOf } from "../../auth/authorize";
import { can, canWriteAnything } from "../../auth/can";
import type { MetricsPageData, PlannedGpu } from "../../metrics/api/page-data";
import { plannedBudget } from "../../metrics/predicted/compare-instance";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { SCRAPED_REPLICA_STATES } from "../../metrics/targets/inventory";
import type { DbClient } from "../../queries/db";
import { readVramCeiling } from "../../queries/metrics/read-vram-ceiling";
import type { Actor } from "../../vocabulary/access";
import { visibilityOf } from "./visibility";

/** The Metrics page's frame for a caller: the instances and hosts they may see, the plan per GPU, what they may do. */
export async function metricsPageData(client: DbClient, actor: Actor): Promise<MetricsPageData> {
  const service = await metricsService();
  const [{ inventory }, vramCeiling, grants] = await Promise.all([
    service.inventory(),
    readVramCeiling(client),
    grantsOf(actor),
  ]);
  const visible = await visibilityOf(actor, inventory);
  const instances = inventory.instances.filter((i) => visible.instance(i.id));
  const hosts = inventory.hosts.filter((h) => visible.host(h.id));
  const planned = new Map<string, PlannedGpu>();
  for (const i of instances) {
    if (i.desiredState !== "running" || !i.hostId) continue;
    const host = inventory.hosts.find((h) => h.id === i.hostId);
    const { budget } = plannedBudget(i, host);
    if (!budget) continue;
    const overhead = budget.weightsBytesPerGpu + budget.activationBytes + budget.nonTorchBytes + budget.cudaGraphBytes;
    for (const gpu of i.gpuIndices) {
      const key = `${i.hostId}/${gpu}`;
      const at = planned.get(key) ?? {
        hostId: i.hostId,
        gpu,
        memoryBytes: host?.gpus.find((g) => g.index === gpu)?.memoryBytes ?? budget.gpuMemoryBytes,
        weightsAndOverheadBytes: 0,
        withKvBytes: 0,
        projectedUsedBytes: 0,
        instanceIds: [],
      };
      at.weightsAndOverheadBytes += overhead;
      at.withKvBytes += overhead + budget.kvCacheBytesPerGpu;
      at.projectedUsedBytes += budget.projectedUsedBytesPerGpu;
      at.instanceIds.push(i.id);
      planned.set(key, at);
    }
  }
  const mayWrite = canWriteAnything(actor);
  return {
    mode: service.mode,
    intervalMs: service.intervalMs,
    vramCeiling,
    mayWrite,
    instances: instances.map((i) => ({
      id: i.id,
      instanceKey: i.instanceKey,
      layoutName: i.layoutName,
      revisionId: i.revisionId,
      engine: i.engine,
      model: i.model,
      hostId: i.hostId,
      hostName: i.hostName,
      gpuIndices: i.gpuIndices,
      desiredState: i.desiredState,
      observedState: i.observedState,
      runningReplicas: i.replicas
        .filter((r) => r.endpoint && SCRAPED_REPLICA_STATES.has(r.state))
        .map((r) => r.replica),
      mayLoad:
        mayWrite && can(actor, "instance.start", { type: "instance", id: i.id, hostLabels: i.hostLabels }, grants),
    })),
    hosts: hosts.map((h) => ({
      id: h.id,
      name: h.name,
      gpus: h.gpus,
      hasGpuExporter: h.gpuExporterUrl !== null,
      hasNodeExporter: h.nodeExporterUrl !== null,
    })),
    plannedGpus: [...planned.values()],
  };
}
