import "server-only";
import { db } from "../db";
import { loadMetricsInventory } from "./load-metrics-inventory";

/**
 * The metrics side's queries on the server's client (lib/metrics may not hold the client itself): one object, so
 * the service can be handed its reads and a test the same reads on its own database.
 */
export function metricsQueries() {
  return {
    loadInventory: () => loadMetricsInventory(db()),
  };
}

export type MetricsQueries = ReturnType<typeof metricsQueries>;
