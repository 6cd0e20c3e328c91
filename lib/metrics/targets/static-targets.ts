import { z } from "zod";
import type { MetricsInventory } from "./inventory";

const httpUrl = (field: string) =>
  z.url({ protocol: /^https?$/, error: `${field} must be an http:// or https:// URL (e.g. http://10.0.0.5:8000)` });

/**
 * The static targets file (FLEETDECK_METRICS_TARGETS_FILE, default `$FLEETDECK_DATA_DIR/metrics-targets.json`):
 * endpoints of instances and exporters that fleetdeck does not start or discover itself, keyed by the ids of the
 * instances and hosts it knows. Entries for unknown ids are reported, not scraped.
 */
export const staticTargetsSchema = z
  .object({
    instances: z
      .array(
        z
          .object({
            instanceId: z.string().min(1, "instances[].instanceId must name an instance id (GET /api/v1/instances)"),
            replica: z.number().int().nonnegative().default(0),
            endpoint: httpUrl("instances[].endpoint"),
            logFile: z.string().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    hosts: z
      .array(
        z
          .object({
            hostId: z.string().min(1, "hosts[].hostId must name a registered host's id"),
            gpuExporterUrl: httpUrl("hosts[].gpuExporterUrl").optional(),
            nodeExporterUrl: httpUrl("hosts[].nodeExporterUrl").optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type StaticTargets = z.infer<typeof staticTargetsSchema>;

export interface MergedInventory {
  inventory: MetricsInventory;
  /** Entries of the file that name no known instance or host. */
  unknown: string[];
}

/**
 * The inventory with the file's endpoints laid over it: a listed replica answers at the given endpoint (and counts
 * as running), a listed host's exporter URLs replace the stored ones.
 */
export function mergeStaticTargets(inventory: MetricsInventory, file: StaticTargets): MergedInventory {
  const unknown: string[] = [];
  const instances = inventory.instances.map((i) => ({ ...i, replicas: [...i.replicas] }));
  const byId = new Map(instances.map((i) => [i.id, i]));
  for (const entry of file.instances) {
    const instance = byId.get(entry.instanceId);
    if (!instance) {
      unknown.push(`instance ${entry.instanceId}`);
      continue;
    }
    const replica = {
      replica: entry.replica,
      endpoint: entry.endpoint,
      state: "running",
      hostId: instance.hostId,
      gpuIndices: instance.gpuIndices,
      ...(entry.logFile && { logFile: entry.logFile }),
    };
    const at = instance.replicas.findIndex((r) => r.replica === entry.replica);
    if (at >= 0) instance.replicas[at] = { ...instance.replicas[at]!, ...replica };
    else instance.replicas.push(replica);
  }
  const hosts = inventory.hosts.map((h) => ({ ...h }));
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  for (const entry of file.hosts) {
    const host = hostById.get(entry.hostId);
    if (!host) {
      unknown.push(`host ${entry.hostId}`);
      continue;
    }
    if (entry.gpuExporterUrl) host.gpuExporterUrl = entry.gpuExporterUrl;
    if (entry.nodeExporterUrl) host.nodeExporterUrl = entry.nodeExporterUrl;
  }
  return { inventory: { instances, hosts }, unknown };
}
