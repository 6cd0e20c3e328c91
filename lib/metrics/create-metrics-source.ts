import { EmbeddedSource } from "./embedded-source";
import type { MetricsSource } from "./metrics-source";
import { PrometheusSource } from "./prometheus-source";
import { Scraper } from "./scrape/scraper";
import { SeriesStore } from "./store/series-store";
import type { StoreOptions } from "./store/store-options";

export interface MetricsBackendOptions {
  /** PROMETHEUS_URL: set → Prometheus mode; unset → the embedded scraper. */
  prometheusUrl?: string;
  /** The targets to scrape in embedded mode (instances, GPU exporters, node exporters); read every interval. */
  targets: () => readonly unknown[] | Promise<readonly unknown[]>;
  intervalMs?: number;
  store?: StoreOptions;
  prometheusTimeoutMs?: number;
}

export interface MetricsBackend {
  source: MetricsSource;
  /** The embedded scraper and store, for the targets page and tests; null in Prometheus mode. */
  embedded: { scraper: Scraper; store: SeriesStore } | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The one place that picks the mode; routes and charts only see `source`. */
export function createMetricsBackend(options: MetricsBackendOptions): MetricsBackend {
  if (options.prometheusUrl) {
    const source = new PrometheusSource({
      url: options.prometheusUrl,
      timeoutMs: options.prometheusTimeoutMs,
      scrapeIntervalMs: options.intervalMs,
    });
    return { source, embedded: null, start: async () => {}, stop: async () => {} };
  }
  const store = new SeriesStore(options.store);
  const scraper = new Scraper({ store, targets: options.targets, intervalMs: options.intervalMs });
  return {
    source: new EmbeddedSource(store, scraper),
    embedded: { scraper, store },
    start: () => scraper.start(),
    stop: () => scraper.stop(),
  };
}
