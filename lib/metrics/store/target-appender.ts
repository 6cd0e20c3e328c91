import { detach, type SeriesStore } from "./series-store";
import type { Series } from "./series";
import type { SampleReader } from "../exposition/scanner";
import type { FlatLabels } from "../exposition/types";

interface CacheEntry {
  series: Series;
  text: string;
}

export interface ScrapeCounts {
  samples: number;
  series: number;
  /** Series written more than once in the scrape: the first sample is kept, as Prometheus does. */
  duplicates: number;
  /** Samples older than their series' last one, dropped. */
  outOfOrder: number;
}

/** A list reused from scrape to scrape (a new array per scrape would live 5 s, be promoted, then die old). */
class Reused<T> {
  items: T[] = [];
  length = 0;
  push(item: T): void {
    this.items[this.length++] = item;
  }
  at(i: number): T | undefined {
    return i < this.length ? this.items[i] : undefined;
  }
}

/**
 * Writes one target's scrapes into the store. Like Prometheus's scrape cache, a series line seen before maps
 * straight to its series without rebuilding labels; series missing from a scrape (or all, when the scrape fails)
 * get a staleness marker. Target labels win over exposed ones, which are kept as `exported_<name>` (honor_labels: false).
 */
export class TargetAppender {
  private readonly cache = new Map<string, CacheEntry>();
  /** The series of this scrape and of the last good one, each once. */
  private current = new Reused<CacheEntry>();
  private previous = new Reused<CacheEntry>();
  /** The entry of every sample line of this scrape and of the last good one, in order (duplicates included). */
  private lines = new Reused<CacheEntry>();
  private previousLines = new Reused<CacheEntry>();
  /** The scrape's values and timestamps (NaN: none), written at commit so a scrape that fails to parse writes nothing. */
  private values = new Float64Array(256);
  private times = new Float64Array(256);
  private scrapeId = 0;
  private t = 0;
  private readonly counts: ScrapeCounts = { samples: 0, series: 0, duplicates: 0, outOfOrder: 0 };
  private readonly own = new Map<string, Series>();

  constructor(
    private readonly store: SeriesStore,
    private readonly targetLabels: Readonly<Record<string, string>>,
  ) {}

  begin(scrapeMs: number): void {
    this.scrapeId = this.store.nextScrapeId();
    this.t = scrapeMs;
    this.current.length = 0;
    this.lines.length = 0;
    Object.assign(this.counts, { samples: 0, series: 0, duplicates: 0, outOfOrder: 0 });
  }

  /** Expositions keep their order from scrape to scrape: the next line is most likely the same line as last time. */
  readonly expectedSeries = (): string | undefined => this.previousLines.at(this.lines.length)?.text;

  /** The exposition visitor's sample callback. */
  readonly sample = (
    seriesText: string,
    sample: SampleReader,
    value: number,
    timestampMs: number | undefined,
  ): void => {
    const guess = this.previousLines.at(this.lines.length);
    let entry = guess !== undefined && guess.text === seriesText ? guess : this.cache.get(seriesText);
    if (!entry || entry.series.deleted) {
      entry = {
        series: this.store.seriesFor(sample.name(), this.withTargetLabels(sample.labels())),
        text: detach(seriesText),
      };
      this.cache.set(entry.text, entry);
    }
    this.lines.push(entry);
    const series = entry.series;
    if (series.lastScrape === this.scrapeId) {
      this.counts.duplicates += 1;
      return;
    }
    series.lastScrape = this.scrapeId;
    const i = this.current.length;
    if (i === this.values.length) this.growBuffers();
    this.values[i] = value;
    this.times[i] = timestampMs ?? NaN;
    this.current.push(entry);
  };

  /** A sample fleetdeck writes about the scrape itself (`up`, `scrape_duration_seconds`), with the target labels only. */
  writeOwn(name: string, value: number): void {
    let series = this.own.get(name);
    if (!series || series.deleted) this.own.set(name, (series = this.store.seriesFor(name, this.targetLabels)));
    this.store.append(series, this.t, value);
  }

  /** Ends a successful scrape: writes its samples; series the previous scrape had and this one lacks are marked stale. Counts are valid until the next begin(). */
  commit(): ScrapeCounts {
    const { current, previous } = this;
    for (let i = 0; i < current.length; i++) {
      const t = this.times[i]!;
      if (this.store.append(current.items[i]!.series, Number.isNaN(t) ? this.t : t, this.values[i]!))
        this.counts.samples += 1;
      else this.counts.outOfOrder += 1;
    }
    for (let i = 0; i < previous.length; i++) {
      const entry = previous.items[i]!;
      if (entry.series.lastScrape === this.scrapeId) continue;
      this.store.appendStale(entry.series, this.t);
      if (this.cache.get(entry.text) === entry) this.cache.delete(entry.text);
    }
    [this.previous, this.current] = [current, previous];
    [this.previousLines, this.lines] = [this.lines, this.previousLines];
    this.current.length = 0;
    this.lines.length = 0;
    this.counts.series = this.previous.length;
    return this.counts;
  }

  /** Ends a failed scrape, writing none of it: every series of the last good scrape is marked stale, as Prometheus does. */
  fail(): void {
    for (let i = 0; i < this.previous.length; i++) this.store.appendStale(this.previous.items[i]!.series, this.t);
    this.previous.length = 0;
    this.previousLines.length = 0;
    this.current.length = 0;
    this.lines.length = 0;
  }

  private growBuffers(): void {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.values = values;
    this.times = times;
  }

  private withTargetLabels(flat: FlatLabels): Record<string, string> {
    const labels: Record<string, string> = {};
    for (let k = 0; k < flat.length; k += 2) {
      const name = flat[k]!;
      labels[name in this.targetLabels ? `exported_${name}` : name] = flat[k + 1]!;
    }
    return Object.assign(labels, this.targetLabels);
  }
}
