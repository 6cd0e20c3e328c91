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

  async targets(): Promise<TargetsResult> {
    return { status: "ok", targets: this.scraper.states(), store: this.store.stats() };
  }
}
