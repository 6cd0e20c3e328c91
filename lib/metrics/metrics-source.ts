import type { InfoQuery, InfoResult } from "./info-series";
import type { InstantQuery, SeriesQuery, SeriesResult, UnavailableReason } from "./query-schema";
import type { StoreStats } from "./store/store-stats";
import type { TargetKind } from "./target-labels";

/** A scrape target's health as both modes can report it (the embedded scraper reports more: see TargetState). */
export interface TargetStatus {
  id: string;
  url: string;
  kind: TargetKind | null;
  labels: Record<string, string>;
  health: "up" | "down" | "unknown";
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
}

export type TargetsResult =
  | { status: "ok"; targets: TargetStatus[]; store?: StoreStats }
  | { status: "unavailable"; reason: UnavailableReason; message: string; sinceMs: number };

/**
 * The one query interface routes and charts use; the embedded store and an external Prometheus both implement it,
 * so a caller never knows which mode is on. Queries are parsed (zod) before they get here; failures of the
 * source come back as `status: "unavailable"` results, never as exceptions.
 */
export interface MetricsSource {
  readonly mode: "embedded" | "prometheus";
  queryRange(query: SeriesQuery): Promise<SeriesResult>;
  queryInstant(query: InstantQuery): Promise<SeriesResult>;
  /** An info metric's label sets at a time (the latest sample within the lookback). */
  queryInfo(query: InfoQuery): Promise<InfoResult>;
  targets(): Promise<TargetsResult>;
}

/** An instant query is a range of one step. */
export const instantAsRange = (q: InstantQuery): SeriesQuery => ({
  series: q.series,
  selector: q.selector,
  range: { startMs: q.atMs, endMs: q.atMs, stepMs: 1000 },
});
