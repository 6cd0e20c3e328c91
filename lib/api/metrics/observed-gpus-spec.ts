import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import type { ObservedGpusResponse } from "../../metrics/api/observed-gpus";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { GPU_LABEL, TARGET_LABEL } from "../../metrics/target-labels";
import { visibilityOf } from "./visibility";

const empty = z.object({}).passthrough();

/** GET /api/metrics/observed-gpus: each visible host's GPU memory in use now (the designer's observed layer). */
export const observedGpusSpec = {
  name: "metrics.observed-gpus",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  prepare: async (_input, actor): Promise<ObservedGpusResponse> => {
    const service = await metricsService();
    const { inventory } = await service.inventory();
    const visible = await visibilityOf(actor, inventory);
    const atMs = Date.now();
    const [used, free] = await Promise.all([
      service.backend.source.queryInstant({ series: "gpu.memory.used", selector: {}, atMs }),
      service.backend.source.queryInstant({ series: "gpu.memory.free", selector: {}, atMs }),
    ]);
    if (used.status !== "ok") return { hosts: [], unavailable: used.message };
    const freeOf = new Map(
      (free.status === "ok" ? free.data : []).map((r) => [
        `${r.labels[TARGET_LABEL.host]}/${r.labels[GPU_LABEL]}`,
        r.values.findLast((v) => v !== null) ?? null,
      ]),
    );
    const hosts = new Map<string, ObservedGpusResponse["hosts"][number]>();
    for (const row of used.data) {
      const hostId = row.labels[TARGET_LABEL.host];
      const gpu = Number(row.labels[GPU_LABEL]);
      const value = row.values.findLast((v) => v !== null);
      if (!hostId || !visible.host(hostId) || !Number.isInteger(gpu) || value === undefined || value === null) continue;
      const host = inventory.hosts.find((h) => h.id === hostId);
      const entry = hosts.get(hostId) ?? { hostId, hostName: host?.name ?? hostId, gpus: [] };
      const f = freeOf.get(`${hostId}/${gpu}`);
      const total =
        host?.gpus.find((g) => g.index === gpu)?.memoryBytes ?? (f !== null && f !== undefined ? value + f : null);
      entry.gpus.push({ gpu, usedBytes: value, totalBytes: total });
      hosts.set(hostId, entry);
    }
    return { hosts: [...hosts.values()], unavailable: null };
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
} satisfies ActionSpec<typeof empty, ObservedGpusResponse, ObservedGpusResponse>;
