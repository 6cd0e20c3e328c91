import { Chunk } from "./chunk";

/** Per series besides its key: the Series, its labels, index and scrape-cache entries (bench/metrics-store-memory.ts measures it). */
export const SERIES_OVERHEAD_BYTES = 560;

export interface SeriesSamples {
  t: Float64Array;
  v: Float64Array;
  /** 1 where the sample is a staleness marker; null when the stretch has none. */
  stale: Uint8Array | null;
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

  /** Samples with `from <= t <= to`, staleness markers included and flagged. */
  read(from: number, to: number): SeriesSamples {
    let n = 0;
    for (const c of this.chunks) if (c.maxT >= from && c.t0 <= to) n += c.length;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    let stale: Uint8Array | null = null;
    let k = 0;
    for (const c of this.chunks) {
      if (c.maxT < from || c.t0 > to) continue;
      for (let i = 0; i < c.length; i++) {
        const ti = c.timeAt(i);
        if (ti < from || ti > to) continue;
        t[k] = ti;
        v[k] = c.values[i]!;
        if (c.isStale(i)) (stale ??= new Uint8Array(n))[k] = 1;
        k++;
      }
    }
    return k === n ? { t, v, stale } : { t: t.subarray(0, k), v: v.subarray(0, k), stale: stale?.subarray(0, k) ?? null };
  }
}
