import { z } from "zod";
import { seriesResultSchema } from "../query-schema";
import type { StoreStats } from "../store/store-stats";
import { TARGET_KINDS, type TargetKind } from "../target-labels";

/** A scrape target of the selection that is down: what the charts lack, and since when. */
export const downTargetSchema = z.object({
  id: z.string(),
  kind: z.enum(TARGET_KINDS).nullable(),
  instanceId: z.string().nullable(),
  hostId: z.string().nullable(),
  /** Since when it has failed without a success in between (the embedded scraper knows; Prometheus does not say). */
  downSinceMs: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type DownTarget = z.infer<typeof downTargetSchema>;

/** GET /api/metrics/query and GET /api/v1/instances/{id}/metrics. */
export const metricsQueryResponseSchema = z.object({
  mode: z.enum(["embedded", "prometheus"]),
  range: z.object({ startMs: z.number(), endMs: z.number(), stepMs: z.number() }),
  /** One per named series asked, in order: data, or `unavailable` with the reason and since when. */
  results: z.array(seriesResultSchema),
  down: z.array(downTargetSchema),
});
export type MetricsQueryResponse = z.infer<typeof metricsQueryResponseSchema>;

/** One row of the targets table. */
export interface TargetRow {
  id: string;
  url: string;
  kind: TargetKind | null;
  instanceId: string | null;
  instanceName: string | null;
  hostId: string | null;
  hostName: string | null;
  health: "up" | "down" | "unknown";
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  /** Samples of the last successful scrape (embedded mode only). */
  samples: number | null;
  lastError: string | null;
  downSinceMs: number | null;
}

/** GET /api/metrics/targets. */
export type TargetsResponse =
  | {
      status: "ok";
      mode: "embedded" | "prometheus";
      intervalMs: number;
      targets: TargetRow[];
      store: StoreStats | null;
      /** Problems with the target inventory (static targets file, targets that failed validation). */
      problems: string[];
    }
  | {
      status: "unavailable";
      mode: "embedded" | "prometheus";
      intervalMs: number;
      reason: string;
      message: string;
      sinceMs: number;
      problems: string[];
    };
