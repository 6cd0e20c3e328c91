import { describe, expect, it } from "vitest";
import { migrate } from "../../migrations";
import { tempSqliteUrl } from "../../migrations/testing/test-databases";
import { createDb } from "../db";
import { loadMetricsInventory } from "./load-metrics-inventory";

describe("loadMetricsInventory", () => {
  it("gives each instance its replicas from the runtime's table and each host its dcgm-exporter URL", async () => {
    const url = tempSqliteUrl();
    await migrate(url);
    const db = createDb(url);
    try {
      const host = await db.host.create({
        data: { name: "gpu-1", endpoint: "unix:///x", dcgmUrl: "http://10.0.0.5:9400/metrics" },
      });
      const layout = await db.layout.create({
        data: { name: "l", revisions: { create: { number: 1, document: "{}" } } },
        include: { revisions: true },
      });
      const instance = await db.instance.create({
        data: {
          layoutId: layout.id,
          instanceKey: "qwen",
          revisionId: layout.revisions[0]!.id,
          hostId: host.id,
          spec: JSON.stringify({ engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct" }),
          replicaCount: 2,
        },
      });
      await db.instanceReplica.create({
        data: {
          instanceId: instance.id,
          replica: 1,
          hostId: host.id,
          gpuIndices: "[1]",
          state: "loading",
          containerId: "c1",
        },
      });
      await db.instanceReplica.create({
        data: {
          instanceId: instance.id,
          replica: 0,
          hostId: host.id,
          gpuIndices: "[0]",
          state: "healthy",
          endpoint: "http://10.0.0.5:8000",
          containerId: "c0",
        },
      });
      const inventory = await loadMetricsInventory(db);
      expect(inventory.hosts[0]).toMatchObject({ name: "gpu-1", gpuExporterUrl: "http://10.0.0.5:9400/metrics" });
      expect(inventory.instances[0]!.replicas).toEqual([
        {
          replica: 0,
          endpoint: "http://10.0.0.5:8000",
          state: "healthy",
          hostId: host.id,
          gpuIndices: [0],
          containerId: "c0",
        },
        { replica: 1, endpoint: null, state: "loading", hostId: host.id, gpuIndices: [1], containerId: "c1" },
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});
