/** What the store holds and what it has evicted, for the UI and the benches. */
export interface StoreStats {
  /** The store's own estimate of its memory: typed-array capacity plus per-chunk and per-series overheads. */
  bytes: number;
  maxBytes: number;
  retentionMs: number;
  series: number;
  samples: number;
  chunks: number;
  oldestSampleMs: number | null;
  evictedSamples: number;
  evictedSeries: number;
  /** Runs of eviction caused by the memory cap (not by retention). */
  capEvictions: number;
  outOfOrderSamples: number;
  /** Samples written since start (staleness markers included), like Prometheus's head_samples_appended_total. */
  appendedSamples: number;
}
