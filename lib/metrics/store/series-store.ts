import { canonicalSeriesKey } from "../exposition/flat-labels";
import { Chunk } from "./chunk";
import type { CompiledMatcher } from "./matchers";
import { Series } from "./series";
import { StringPool } from "./string-pool";
import { STALE_SERIES_MS, storeOptionsSchema, type StoreOptions } from "./store-options";
import type { StoreStats } from "./store-stats";

/** When the cap is exceeded, evict down to this fraction of it, so eviction runs seldom. */
const CAP_LOW_WATER = 0.9;

/** A copy that does not keep the scraped body alive (V8 slices reference their parent string). */
export const detach = (s: string): string => (s.length > 12 ? ` ${s}`.slice(1) : s);

/**
 * Bounded in-memory series store. Retention drops chunks older than `retentionMs`; the memory cap (`maxBytes`,
 * the store's own estimate) evicts whole stale series first, then the oldest chunks of any series.
 */
export class SeriesStore {
  readonly retentionMs: number;
  readonly maxBytes: number;
  private readonly byKey = new Map<string, Series>();
  private readonly byName = new Map<string, Set<Series>>();
  private readonly pool = new StringPool();
  /** Chunks in creation order; eviction takes from the head. */
  private queue: Chunk[] = [];
  private head = 0;
  private nextSeriesId = 1;
  private scrapeCounter = 0;
  private bytes = 0;
  private sampleCount = 0;
  private chunkCount = 0;
  private evictedSamples = 0;
  private evictedSeries = 0;
  private capEvictions = 0;
  private outOfOrder = 0;
  private appended = 0;

  constructor(
    options: StoreOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const parsed = storeOptionsSchema.parse(options);
    this.retentionMs = parsed.retentionMs;
    this.maxBytes = parsed.maxBytes;
  }

  /** A number no scrape has used, so a series knows whether the current scrape already wrote it. */
  nextScrapeId(): number {
    return ++this.scrapeCounter;
  }

  /** The series of `name` with exactly `labels` (empty values count as absent), created when new. */
  seriesFor(name: string, labels: Readonly<Record<string, string>>): Series {
    const own: Record<string, string> = {};
    for (const k of Object.keys(labels)) if (labels[k] !== "") own[k] = labels[k]!;
    const key = canonicalSeriesKey(name, own);
    const existing = this.byKey.get(key);
    if (existing) return existing;
    for (const k of Object.keys(own)) own[k] = this.pool.take(own[k]!);
    // detach: the key is built from pieces that may be slices of a scraped body
    const series = new Series(this.nextSeriesId++, this.pool.take(name), Object.freeze(own), detach(key));
    this.byKey.set(series.key, series);
    let named = this.byName.get(series.name);
    if (!named) this.byName.set(series.name, (named = new Set()));
    named.add(series);
    this.bytes += series.ownBytes;
    return series;
  }

  /** Appends one sample; false when it is older than the series' last one (dropped, as Prometheus drops out-of-order samples). */
  append(series: Series, t: number, value: number): boolean {
    if (t <= series.lastT) {
      if (t === series.lastT && (value === series.lastValue || (Number.isNaN(value) && Number.isNaN(series.lastValue))))
        return true;
      this.outOfOrder += 1;
      return false;
    }
    this.write(series, t, value, false);
    return true;
  }

  /** Marks that `series` ended at `t` (its target went down or stopped exposing it): instant queries after `t` see no value. */
  appendStale(series: Series, t: number): void {
    if (series.deleted || series.lastStale) return;
    this.write(series, Math.max(t, series.lastT + 1), NaN, true);
  }

  private write(series: Series, t: number, value: number, stale: boolean): void {
    let chunk = series.chunks[series.chunks.length - 1];
    if (!chunk?.accepts(t)) {
      chunk = new Chunk(series, t);
      series.chunks.push(chunk);
      this.queue.push(chunk);
      this.bytes += chunk.capacityBytes;
      this.chunkCount += 1;
    }
    this.bytes += chunk.push(t, value, stale);
    this.sampleCount += 1;
    this.appended += 1;
    series.lastT = t;
    series.lastValue = value;
    series.lastStale = stale;
  }

  /** Series named `name` whose labels pass every matcher. */
  select(name: string, matchers: readonly CompiledMatcher[]): Series[] {
    const named = this.byName.get(name);
    if (!named) return [];
    const out: Series[] = [];
    for (const s of named) if (matchers.every((m) => m(s.labels))) out.push(s);
    return out;
  }

  /** Drops what retention and the memory cap require; cheap when nothing is due. Call after each ingest. */
  enforceLimits(): void {
    this.applyRetention(this.now() - this.retentionMs);
    if (this.bytes > this.maxBytes) this.evictToCap();
  }

  private applyRetention(cutoff: number): void {
    const stop = this.queue.length;
    while (this.head < stop) {
      const chunk = this.queue[this.head]!;
      if (!chunk.dropped && chunk.t0 >= cutoff) break;
      this.head += 1;
      if (chunk.dropped) continue;
      if (chunk.maxT < cutoff) this.dropChunk(chunk);
      else this.queue.push(chunk); // still being written: look again later
    }
    this.compactQueue();
  }

  private evictToCap(): void {
    this.capEvictions += 1;
    const target = this.maxBytes * CAP_LOW_WATER;
    const staleBefore = this.now() - STALE_SERIES_MS;
    const stale = [...this.byKey.values()]
      .filter((s) => s.lastStale || s.lastT < staleBefore)
      .sort((a, b) => a.lastT - b.lastT);
    for (const s of stale) {
      if (this.bytes <= target) return;
      this.deleteSeries(s);
    }
    while (this.bytes > target && this.head < this.queue.length) {
      const chunk = this.queue[this.head++]!;
      if (!chunk.dropped) this.dropChunk(chunk);
    }
    this.compactQueue();
  }

  private dropChunk(chunk: Chunk): void {
    const series = chunk.owner;
    const at = series.chunks.indexOf(chunk);
    if (at >= 0) series.chunks.splice(at, 1);
    this.forget(chunk);
    if (series.chunks.length === 0) this.deleteSeries(series);
  }

  private forget(chunk: Chunk): void {
    chunk.dropped = true;
    this.bytes -= chunk.capacityBytes;
    this.sampleCount -= chunk.length;
    this.evictedSamples += chunk.length;
    this.chunkCount -= 1;
  }

  private deleteSeries(series: Series): void {
    if (series.deleted) return;
    series.deleted = true;
    for (const chunk of series.chunks) this.forget(chunk);
    series.chunks.length = 0;
    this.byKey.delete(series.key);
    this.byName.get(series.name)?.delete(series);
    this.pool.release(series.name);
    for (const value of Object.values(series.labels)) this.pool.release(value);
    this.bytes -= series.ownBytes;
    this.evictedSeries += 1;
  }

  private compactQueue(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  stats(): StoreStats {
    let oldest: number | null = null;
    for (let i = this.head; i < this.queue.length; i++) {
      const chunk = this.queue[i]!;
      if (!chunk.dropped) {
        oldest = chunk.owner.chunks[0]?.t0 ?? chunk.t0;
        break;
      }
    }
    return {
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      retentionMs: this.retentionMs,
      series: this.byKey.size,
      samples: this.sampleCount,
      chunks: this.chunkCount,
      oldestSampleMs: oldest,
      evictedSamples: this.evictedSamples,
      evictedSeries: this.evictedSeries,
      capEvictions: this.capEvictions,
      outOfOrderSamples: this.outOfOrder,
      appendedSamples: this.appended,
    };
  }
}
