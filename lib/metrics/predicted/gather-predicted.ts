import "server-only";
import type { MetricsSource } from "../metrics-source";
import { GPU_LABEL, TARGET_LABEL } from "../target-labels";
import {
  type MetricsInstance,
  type MetricsInventory,
  type MetricsReplica,
  SCRAPED_REPLICA_STATES,
} from "../targets/inventory";
import { compareInstance, plannedBudget } from "./compare-instance";
import { PREDICTED_VS_ACTUAL_FORMAT, type PredictedVsActual } from "./export-format";
import { isSimulatorLog, memoryLines, parseStartupLog } from "./parse-startup-log";

/**
 * An engine's start-up log: the runtime keeps it (a container's logs, a child process's file). Null when there is
 * none yet. WIRING: the apply stream's log store plugs in here; the default reads the replica's `logFile`.
 */
export type StartupLogReader = (instance: MetricsInstance, replica: MetricsReplica) => Promise<string[] | null>;

const runningReplica = (i: MetricsInstance) =>
  i.replicas.find((r) => r.endpoint && SCRAPED_REPLICA_STATES.has(r.state));
const key = (hostId: string | null, gpu: number) => `${hostId}\u0000${gpu}`;

/** Predicted against actual for every running instance of the inventory (the caller filters what a person may see). */
export async function gatherPredictedVsActual(
  source: MetricsSource,
  inventory: MetricsInventory,
  readLog: StartupLogReader,
  nowMs = Date.now(),
): Promise<PredictedVsActual> {
  const running = inventory.instances.filter((i) => runningReplica(i) !== undefined);
  const hosts = new Map(inventory.hosts.map((h) => [h.id, h]));
  const [memory, cache] = await Promise.all([
    source.queryInstant({ series: "gpu.memory.used", selector: {}, atMs: nowMs }),
    source.queryInfo({ info: "vllm.cache_config", selector: {}, atMs: nowMs }),
  ]);
  const problems: string[] = [];
  const used = new Map<string, number>();
  if (memory.status === "ok") {
    for (const row of memory.data) {
      const v = row.values.findLast((x) => x !== null);
      const gpu = Number(row.labels[GPU_LABEL]);
      if (v !== undefined && v !== null && Number.isInteger(gpu))
        used.set(key(row.labels[TARGET_LABEL.host] ?? null, gpu), v);
    }
  } else problems.push(`GPU memory could not be read: ${memory.message}`);
  const cacheByInstance = new Map<string, Record<string, string>>();
  if (cache.status === "ok") {
    for (const row of cache.rows) {
      const id = row.labels[TARGET_LABEL.instance];
      if (id && !cacheByInstance.has(id)) cacheByInstance.set(id, row.labels);
    }
  } else problems.push(`vLLM's cache_config_info could not be read: ${cache.message}`);

  // What each running instance plans per GPU, to tell a shared card's owners apart.
  const planned = new Map<string, { instanceId: string; bytes: number }[]>();
  for (const i of running) {
    const bytes = plannedBudget(i, i.hostId ? hosts.get(i.hostId) : undefined).budget?.projectedUsedBytesPerGpu ?? 0;
    for (const g of i.gpuIndices)
      planned.set(key(i.hostId, g), [...(planned.get(key(i.hostId, g)) ?? []), { instanceId: i.id, bytes }]);
  }

  const instances = await Promise.all(
    running.map(async (i) => {
      const lines = (await readLog(i, runningReplica(i)!).catch(() => null)) ?? [];
      const host = i.hostId ? hosts.get(i.hostId) : undefined;
      const gpuUsedBytes = new Map<number, number>();
      const othersPlannedBytes = new Map<number, number>();
      for (const g of i.gpuIndices) {
        const u = used.get(key(i.hostId, g));
        if (u !== undefined) gpuUsedBytes.set(g, u);
        const others = (planned.get(key(i.hostId, g)) ?? []).filter((p) => p.instanceId !== i.id);
        othersPlannedBytes.set(
          g,
          others.reduce((sum, p) => sum + p.bytes, 0),
        );
      }
      const comparison = compareInstance(i, host, {
        gpuUsedBytes,
        othersPlannedBytes,
        cacheConfig: cacheByInstance.get(i.id) ?? null,
        startup: parseStartupLog(lines),
        startupLines: memoryLines(lines),
        simulated: isSimulatorLog(lines),
      });
      if (lines.length === 0) comparison.problems.push("no start-up log yet: the log-derived figures are missing");
      return comparison;
    }),
  );
  return {
    format: PREDICTED_VS_ACTUAL_FORMAT,
    version: 1,
    exportedAt: new Date(nowMs).toISOString(),
    mode: source.mode,
    instances,
    problems,
  };
}
