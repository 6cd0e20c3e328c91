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
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const buckets = coalesce([...input].sort((a, b) => a.upperBound - b.upperBound));
  if (buckets.length === 0 || buckets[buckets.length - 1]!.upperBound !== Infinity) return NaN;
  for (let i = 1, max = buckets[0]!.count; i < buckets.length; i++) {
    if (buckets[i]!.count < max) buckets[i]!.count = max;
    else max = buckets[i]!.count;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && buckets[b]!.count < rank) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let start = 0;
  let count = buckets[b]!.count;
  if (b > 0) {
    start = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return start + (buckets[b]!.upperBound - start) * (rank / count);
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
