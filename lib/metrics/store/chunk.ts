import type { Series } from "./series";

/** Samples per chunk at most: 10 minutes at a 5 s interval, the size Prometheus cuts head chunks at. */
export const CHUNK_MAX_SAMPLES = 128;
const FIRST_CAPACITY = 8;
/** Time offsets are int32 milliseconds from the chunk's first sample: a chunk spans at most ~24 days. */
const MAX_OFFSET_MS = 2 ** 31 - 1;
/** The chunk object, its two typed-array views, their ArrayBuffer and its backing store, measured (bench/metrics-store-memory.ts). */
export const CHUNK_OVERHEAD_BYTES = 300;
export const BYTES_PER_SAMPLE = 4 + 8;

/** Values first (8-byte aligned), then offsets: one buffer, two views. `capacity` is even. */
function allocate(capacity: number): [Int32Array, Float64Array] {
  const buffer = new ArrayBuffer(capacity * BYTES_PER_SAMPLE);
  return [new Int32Array(buffer, capacity * 8, capacity), new Float64Array(buffer, 0, capacity)];
}

/**
 * One series' samples over a stretch of time, in typed arrays (12 bytes a sample): int32 offsets from `t0`
 * and float64 values. Capacity grows 8 → 128 so a series with few samples stays small.
 */
export class Chunk {
  times: Int32Array;
  values: Float64Array;
  /** Prometheus-style staleness markers ("this series ended here"), allocated only when one is written. */
  stale: Uint8Array | null = null;
  length = 0;
  maxT: number;
  dropped = false;

  constructor(
    readonly owner: Series,
    readonly t0: number,
  ) {
    [this.times, this.values] = allocate(FIRST_CAPACITY);
    this.maxT = t0;
  }

  get capacityBytes(): number {
    return this.times.length * BYTES_PER_SAMPLE + (this.stale?.length ?? 0) + CHUNK_OVERHEAD_BYTES;
  }

  /** Whether `t` can go into this chunk without cutting a new one. */
  accepts(t: number): boolean {
    return this.length < CHUNK_MAX_SAMPLES && t - this.t0 <= MAX_OFFSET_MS;
  }

  /** Appends; returns the bytes the chunk grew by. */
  push(t: number, value: number, stale: boolean): number {
    let grown = 0;
    if (this.length === this.times.length) grown = this.grow();
    if (stale && !this.stale) {
      this.stale = new Uint8Array(this.times.length);
      grown += this.stale.length;
    }
    this.times[this.length] = t - this.t0;
    this.values[this.length] = value;
    if (this.stale) this.stale[this.length] = stale ? 1 : 0;
    this.length += 1;
    this.maxT = t;
    return grown;
  }

  timeAt(i: number): number {
    return this.t0 + this.times[i]!;
  }

  isStale(i: number): boolean {
    return this.stale !== null && this.stale[i] === 1;
  }

  private grow(): number {
    const capacity = Math.min(CHUNK_MAX_SAMPLES, this.times.length * 2);
    const added = capacity - this.times.length;
    const [times, values] = allocate(capacity);
    times.set(this.times);
    values.set(this.values);
    this.times = times;
    this.values = values;
    if (this.stale) {
      const stale = new Uint8Array(capacity);
      stale.set(this.stale);
      this.stale = stale;
    }
    return added * BYTES_PER_SAMPLE + (this.stale ? added : 0);
  }
}
