export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * `histogram_quantile` of Prometheus 2.x (promql/quantile.go bucketQuantile): buckets sorted by upper bound, a
 * `+Inf` bucket required, counts made monotonic, linear interpolation inside the bucket holding the rank (the
 * first bucket starting at 0 unless its bound is ≤ 0); a rank in the `+Inf` bucket answers the highest finite
 * bound. NaN without observations or with fewer than two buckets; q < 0 → -Inf, q > 1 → +Inf.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  const buckets = coalesce([...input].sort((a, b) => a.upperBound - b.upperBound));
  return sortedBucketQuantile(
    q,
    Float64Array.from(buckets, (b) => b.upperBound),
    Float64Array.from(buckets, (b) => b.count),
    buckets.length,
  );
}

/**
 * The same on buckets already sorted by distinct upper bounds, in parallel arrays (the first `n` entries); `counts`
 * is made monotonic in place. No allocation: a range query calls this once per step and series.
 */
export function sortedBucketQuantile(q: number, bounds: Float64Array, counts: Float64Array, n: number): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (n === 0 || bounds[n - 1] !== Infinity) return NaN;
  for (let i = 1, max = counts[0]!; i < n; i++) {
    if (counts[i]! < max) counts[i] = max;
    else max = counts[i]!;
  }
  if (n < 2) return NaN;
  const observations = counts[n - 1]!;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;
  let b = 0;
  while (b < n - 1 && counts[b]! < rank) b++;
  if (b === n - 1) return bounds[n - 2]!;
  if (b === 0 && bounds[0]! <= 0) return bounds[0]!;
  let start = 0;
  let count = counts[b]!;
  if (b > 0) {
    start = bounds[b - 1]!;
    count -= counts[b - 1]!;
    rank -= counts[b - 1]!;
  }
  return start + (bounds[b]! - start) * (rank / count);
}

/** Buckets with the same bound (e.g. `le="1"` and `le="1.0"` from two sources) are added together. */
function coalesce(sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ upperBound: b.upperBound, count: b.count });
  }
  return out;
}
