import { z } from "zod";

export const HOUR_MS = 3_600_000;
/** Six hours: the longest chart range but one (5 m, 1 h, 6 h) at full 5 s resolution; 24 h views come from Prometheus mode. */
export const DEFAULT_RETENTION_MS = 6 * HOUR_MS;
/** 256 MiB: about 20 M samples (12 B each) — 6 h of ~4,800 series at 5 s — before the oldest are evicted. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** A series with no sample for this long, or ended by a staleness marker, is the first to go when the cap is reached. */
export const STALE_SERIES_MS = 5 * 60_000;

export const storeOptionsSchema = z.object({
  retentionMs: z
    .number()
    .int()
    .min(60_000, "retentionMs must be at least 60000 (one minute)")
    .default(DEFAULT_RETENTION_MS),
  maxBytes: z
    .number()
    .int()
    .min(1024 * 1024, "maxBytes must be at least 1048576 (1 MiB)")
    .default(DEFAULT_MAX_BYTES),
});

export type StoreOptions = z.input<typeof storeOptionsSchema>;
