import { INFO_SERIES, type InfoQuery, type InfoResult } from "./info-series";
import { LOOKBACK_MS } from "./query/instant";
import { selectorMatchers } from "./selector-matchers";
import { compileMatcher } from "./store/matchers";
import { instantAsRange, type MetricsSource, type TargetsResult } from "./metrics-source";
import type { InstantQuery, SeriesQuery, SeriesResult } from "./query-schema";
import { queryStore } from "./query-store";
import type { Scraper } from "./scrape/scraper";
import type { SeriesStore } from "./store/series-store";

/** The default mode: the in-process scraper and store. */
export class EmbeddedSource implements MetricsSource {
  readonly mode = "embedded";

  constructor(
    private readonly store: SeriesStore,
    private readonly scraper: Scraper,
  ) {}

  async queryRange(query: SeriesQuery): Promise<SeriesResult> {
    return queryStore(this.store, query, this.scraper.intervalMs);
  }

  async queryInstant(query: InstantQuery): Promise<SeriesResult> {
    return this.queryRange(instantAsRange(query));
  }

  async queryInfo(query: InfoQuery): Promise<InfoResult> {
    const { metric, kind } = INFO_SERIES[query.info];
    const matchers = selectorMatchers(query.selector, kind).map(compileMatcher);
    const rows = this.store
      .select(metric, matchers)
      .filter((s) => !s.lastStale && s.lastT <= query.atMs && s.lastT > query.atMs - LOOKBACK_MS)
      .map((s) => ({ labels: { ...s.labels }, atMs: s.lastT }));
    return { status: "ok", rows };
  }

  async targets(): Promise<TargetsResult> {
    return { status: "ok", targets: this.scraper.states(), store: this.store.stats() };
  }
}
