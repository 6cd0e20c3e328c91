import type { ScrapeTarget } from "../scrape/scrape-target";
import { TARGET_LABEL } from "../target-labels";
import { type MetricsInventory, SCRAPED_REPLICA_STATES } from "./inventory";

/** Labels beyond the four of TARGET_LABEL that fleetdeck's targets carry (both modes). */
export const EXTRA_LABEL = {
  /** Which copy of an instance (0, 1, …). */
  replica: "fleetdeck_replica",
} as const;

/** A scrape's timeout when the caller gives none: under the default 5 s interval, so a dead target never overlaps itself. */
export const DEFAULT_TARGET_TIMEOUT_MS = 4000;

export const instanceTargetId = (instanceId: string, replica: number) => `instance/${instanceId}/${replica}`;
export const gpuExporterTargetId = (hostId: string) => `gpu-exporter/${hostId}`;
export const nodeExporterTargetId = (hostId: string) => `node-exporter/${hostId}`;

/** `http://h:p` → `http://h:p/metrics`; a URL with a path is kept as given. */
export function metricsUrlOf(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/metrics";
  return url.toString();
}

/**
 * Every running replica's `/metrics` and every host's exporters, labelled with the ids charts select by. The same
 * list feeds the embedded scraper and Prometheus service discovery, so both modes see the same labels.
 */
export function scrapeTargetsOf(inventory: MetricsInventory, timeoutMs = DEFAULT_TARGET_TIMEOUT_MS): ScrapeTarget[] {
  const targets: ScrapeTarget[] = [];
  for (const instance of inventory.instances) {
    for (const replica of instance.replicas) {
      if (!replica.endpoint || !SCRAPED_REPLICA_STATES.has(replica.state)) continue;
      const hostId = replica.hostId ?? instance.hostId;
      targets.push({
        id: instanceTargetId(instance.id, replica.replica),
        url: metricsUrlOf(replica.endpoint),
        kind: instance.engine,
        timeoutMs,
        labels: {
          [TARGET_LABEL.instance]: instance.id,
          [EXTRA_LABEL.replica]: String(replica.replica),
          ...(hostId && { [TARGET_LABEL.host]: hostId }),
        },
      });
    }
  }
  for (const host of inventory.hosts) {
    const labels = { [TARGET_LABEL.host]: host.id };
    if (host.gpuExporterUrl)
      targets.push({
        id: gpuExporterTargetId(host.id),
        url: host.gpuExporterUrl,
        kind: "gpu-exporter",
        timeoutMs,
        labels,
      });
    if (host.nodeExporterUrl)
      targets.push({
        id: nodeExporterTargetId(host.id),
        url: host.nodeExporterUrl,
        kind: "node-exporter",
        timeoutMs,
        labels,
      });
  }
  return targets;
}
