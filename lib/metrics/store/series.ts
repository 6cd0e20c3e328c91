import type { Chunk } from "./chunk";

/** Per series besides its key: the Series, its labels, index and scrape-cache entries (bench/metrics-store-memory.ts measures it). */
export const SERIES_OVERHEAD_BYTES = 560;

export interface SeriesSamples {
  t: Float64Array;
  v: Float64Array;
  /** 1 where the sample is a staleness marker; null when the stretch has none. */
  stale: Uint8Array | null;
}

/** Buffers one query reuses for every series it reads (a read is consumed before the next one). */
export class ReadScratch {
  t = new Float64Array(1024);
  v = new Float64Array(1024);
  stale = new Uint8Array(1024);

  ensure(n: number): void {
    if (n <= this.t.length) return;
    const size = Math.max(n, this.t.length * 2);
    this.t = new Float64Array(size);
    this.v = new Float64Array(size);
    this.stale = new Uint8Array(size);
  }
}

export class Series {
  readonly chunks: Chunk[] = [];
  lastT = -Infinity;
  lastValue = NaN;
  lastStale = false;
  deleted = false;
  /** Which scrape of its target last wrote this series (the target's scrape counter). */
  lastScrape = -1;

  constructor(
    readonly id: number,
    readonly name: string,
    /** Without the metric name. */
    readonly labels: Readonly<Record<string, string>>,
    readonly key: string,
  ) {}

  get ownBytes(): number {
    return SERIES_OVERHEAD_BYTES + this.key.length * 4;
  }

  /** Samples with `from <= t <= to`, staleness markers included and flagged; into `scratch` when given (valid until its next use). */
  read(from: number, to: number, scratch?: ReadScratch): SeriesSamples {
    let n = 0;
    for (const c of this.chunks) if (c.maxT >= from && c.t0 <= to) n += c.length;
    scratch?.ensure(n);
    const t = scratch ? scratch.t : new Float64Array(n);
    const v = scratch ? scratch.v : new Float64Array(n);
    let stale: Uint8Array | null = null;
    let k = 0;
    for (const c of this.chunks) {
      if (c.maxT < from || c.t0 > to) continue;
      const { times, values, t0, length } = c;
      const marks = c.stale;
      if (marks === null && t0 >= from && c.maxT <= to) {
        // the whole chunk: copy the values in one go, offsets to times in a tight loop
        v.set(values.subarray(0, length), k);
        for (let i = 0; i < length; i++) t[k + i] = t0 + times[i]!;
        k += length;
        continue;
      }
      for (let i = 0; i < length; i++) {
        const ti = t0 + times[i]!;
        if (ti < from || ti > to) continue;
        t[k] = ti;
        v[k] = values[i]!;
        if (marks !== null && marks[i] === 1) {
          if (stale === null) stale = scratch ? scratch.stale.fill(0, 0, n) : new Uint8Array(n);
          stale[k] = 1;
        }
        k++;
      }
    }
    return { t: t.subarray(0, k), v: v.subarray(0, k), stale: stale?.subarray(0, k) ?? null };
  }
}
