import "server-only";
import { join } from "node:path";
import { metricsQueries } from "../../queries/metrics/metrics-queries";
import { env } from "../../server/env";
import { log } from "../../server/log";
import { MetricsService } from "./metrics-service";

/** One service per process, shared by the boot code and the route handlers (Next bundles them apart). */
const holder = globalThis as typeof globalThis & {
  __fleetdeckMetrics?: { service: MetricsService; started: Promise<void> };
};

/** The service as the environment configures it. */
export function metricsServiceFromEnv(): MetricsService {
  const e = env();
  return new MetricsService({
    prometheusUrl: e.PROMETHEUS_URL,
    intervalMs: e.FLEETDECK_METRICS_INTERVAL_MS,
    store: {
      ...(e.FLEETDECK_METRICS_RETENTION_MS !== undefined && { retentionMs: e.FLEETDECK_METRICS_RETENTION_MS }),
      ...(e.FLEETDECK_METRICS_MAX_BYTES !== undefined && { maxBytes: e.FLEETDECK_METRICS_MAX_BYTES }),
    },
    readInventory: metricsQueries().loadInventory,
    staticTargetsFile: e.FLEETDECK_METRICS_TARGETS_FILE ?? join(e.FLEETDECK_DATA_DIR, "metrics-targets.json"),
  });
}

/** Starts the service once (at server start; a route that runs first starts it too). */
export function startMetricsService(create: () => MetricsService = metricsServiceFromEnv): Promise<void> {
  if (!holder.__fleetdeckMetrics) {
    const service = create();
    const started = service.start().then(
      () => log.info({ mode: service.mode, intervalMs: service.intervalMs }, "metrics started"),
      (err: unknown) => log.error({ err }, "metrics: the first read of the targets failed; retrying every interval"),
    );
    holder.__fleetdeckMetrics = { service, started };
  }
  return holder.__fleetdeckMetrics.started;
}

/** The running service, started on first use. */
export async function metricsService(): Promise<MetricsService> {
  await startMetricsService();
  return holder.__fleetdeckMetrics!.service;
}

/** Stops and forgets the service (tests, and a server shutting down). */
export async function stopMetricsService(): Promise<void> {
  const current = holder.__fleetdeckMetrics;
  holder.__fleetdeckMetrics = undefined;
  if (current) await current.service.stop();
}
