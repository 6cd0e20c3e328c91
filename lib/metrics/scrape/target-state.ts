import type { ExpositionFormat } from "../exposition/types";
import type { TargetKind } from "../target-labels";

/** What the UI shows per target. */
export interface TargetState {
  id: string;
  url: string;
  kind: TargetKind;
  labels: Record<string, string>;
  health: "up" | "down" | "unknown";
  /** When the last scrape started. */
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  /** Samples written by the last successful scrape. */
  lastSamples: number;
  /** Series written twice in the last successful scrape (the first sample is kept). */
  lastDuplicates: number;
  lastFormat: ExpositionFormat | null;
  lastError: string | null;
  /** Since when the target has failed without a success in between. */
  downSinceMs: number | null;
  scrapes: number;
  failures: number;
  /** Scrapes skipped because the previous one of this target had not finished. */
  skipped: number;
}
