import { INFO_SERIES, type InfoQuery, type InfoResult } from "./info-series";
import { selectorMatchers } from "./selector-matchers";
import { instantAsRange, type MetricsSource, type TargetsResult } from "./metrics-source";
import { PrometheusClient, PrometheusUnavailable } from "./prometheus/prometheus-client";
import { namedSeriesPromql, promqlString } from "./prometheus/promql";
import type { InstantQuery, SeriesQuery, SeriesResult, UnavailableReason } from "./query-schema";
import { rateWindowMs, seriesDefinition } from "./series-catalog";
import { TARGET_KINDS, TARGET_LABEL, type TargetKind } from "./target-labels";
import { DEFAULT_SCRAPE_INTERVAL_MS } from "./scrape/scraper";

export interface PrometheusSourceOptions {
  /** PROMETHEUS_URL */
  url: string;
  timeoutMs?: number;
  /** Prometheus's scrape interval for fleetdeck's targets; sets the rate() window as in the embedded mode. */
  scrapeIntervalMs?: number;
  now?: () => number;
}

/** PROMETHEUS_URL mode: the same named series, rendered as PromQL and read from Prometheus's HTTP API. */
export class PrometheusSource implements MetricsSource {
  readonly mode = "prometheus";
  private readonly client: PrometheusClient;
  private readonly scrapeIntervalMs: number;
  private readonly now: () => number;
  private failingSinceMs: number | null = null;

  constructor(options: PrometheusSourceOptions) {
    this.client = new PrometheusClient(options.url, options.timeoutMs);
    this.scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  async queryRange(query: SeriesQuery): Promise<SeriesResult> {
    const { startMs, endMs, stepMs } = query.range;
    const promql = namedSeriesPromql(query.series, query.selector, rateWindowMs(stepMs, this.scrapeIntervalMs));
    try {
      const matrix = await this.client.queryRange(promql, startMs, endMs, stepMs);
      this.failingSinceMs = null;
      const steps = Math.floor((endMs - startMs) / stepMs) + 1;
      return {
        status: "ok",
        series: query.series,
        unit: seriesDefinition(query.series).unit,
        timestampsMs: Array.from({ length: steps }, (_, i) => startMs + i * stepMs),
        data: matrix.map(({ metric, values }) => {
          const row: (number | null)[] = new Array(steps).fill(null);
          for (const [seconds, text] of values) {
            const i = Math.round((seconds * 1000 - startMs) / stepMs);
            const v = Number(text);
            if (i >= 0 && i < steps && Number.isFinite(v)) row[i] = v;
          }
          return { labels: metric, values: row };
        }),
      };
    } catch (e) {
      return { status: "unavailable", series: query.series, ...this.unavailable(e) };
    }
  }

  async queryInstant(query: InstantQuery): Promise<SeriesResult> {
    return this.queryRange(instantAsRange(query));
  }

  async queryInfo(query: InfoQuery): Promise<InfoResult> {
    const { metric, kind } = INFO_SERIES[query.info];
    const matchers = selectorMatchers(query.selector, kind);
    const promql = `${metric}{${matchers.map((m) => `${m.label}${m.op}${promqlString(m.value)}`).join(",")}}`;
    try {
      const vector = await this.client.queryInstant(promql, query.atMs);
      this.failingSinceMs = null;
      return {
        status: "ok",
        rows: vector.map(({ metric: labels, value: [seconds] }) => {
          const { __name__: _name, ...rest } = labels;
          return { labels: rest, atMs: seconds * 1000 };
        }),
      };
    } catch (e) {
      return { status: "unavailable", ...this.unavailable(e) };
    }
  }

  async targets(): Promise<TargetsResult> {
    try {
      const active = await this.client.activeTargets();
      this.failingSinceMs = null;
      return {
        status: "ok",
        targets: active.map((t) => ({
          id: t.labels[TARGET_LABEL.target] ?? t.scrapeUrl,
          url: t.scrapeUrl,
          kind: (TARGET_KINDS as readonly string[]).includes(t.labels[TARGET_LABEL.kind] ?? "")
            ? (t.labels[TARGET_LABEL.kind] as TargetKind)
            : null,
          labels: t.labels,
          health: t.health,
          lastScrapeMs: t.health === "unknown" ? null : Date.parse(t.lastScrape),
          lastDurationMs: t.lastScrapeDuration * 1000,
          lastError: t.lastError === "" ? null : t.lastError,
        })),
      };
    } catch (e) {
      return { status: "unavailable", ...this.unavailable(e) };
    }
  }

  private unavailable(e: unknown): { reason: UnavailableReason; message: string; sinceMs: number } {
    this.failingSinceMs ??= this.now();
    if (e instanceof PrometheusUnavailable)
      return { reason: e.reason, message: e.message, sinceMs: this.failingSinceMs };
    return {
      reason: "prometheus-bad-response",
      message: e instanceof Error ? e.message : String(e),
      sinceMs: this.failingSinceMs,
    };
  }
}
