import type { SeriesSamples } from "../store/series";

/**
 * `rate(x[window])` at each step, exactly as Prometheus 2.x computes it (promql/functions.go extrapolatedRate):
 * samples in the closed window [t - window, t] (staleness markers excluded), at least two of them; a decrease is a
 * counter reset and adds the value before it; the increase is extrapolated to the window's edges when the first or
 * last sample is within 1.1 average intervals of the edge (otherwise by half an interval), and towards the start no
 * further than where the counter would have been zero; divided by the window in seconds. Absent (NaN) otherwise.
 */
export function rates(s: SeriesSamples, steps: Float64Array, windowMs: number): Float64Array {
  const out = new Float64Array(steps.length).fill(NaN);
  const { t, v, stale } = s;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < steps.length; k++) {
    const end = steps[k]!;
    const start = end - windowMs;
    while (lo < t.length && t[lo]! < start) lo++;
    if (hi < lo) hi = lo;
    while (hi < t.length && t[hi]! <= end) hi++;
    out[k] = windowRate(t, v, stale, lo, hi, start, end, windowMs);
  }
  return out;
}

function windowRate(t: Float64Array, v: Float64Array, stale: Uint8Array | null, lo: number, hi: number, start: number, end: number, windowMs: number): number {
  let first = -1;
  let last = -1;
  let count = 0;
  let increase = 0;
  let prev = NaN;
  for (let i = lo; i < hi; i++) {
    if (stale && stale[i] === 1) continue;
    if (first < 0) first = i;
    else if (v[i]! < prev) increase += prev;
    prev = v[i]!;
    last = i;
    count++;
  }
  if (count < 2) return NaN;
  increase += v[last]! - v[first]!;
  const sampled = (t[last]! - t[first]!) / 1000;
  let toStart = (t[first]! - start) / 1000;
  const toEnd = (end - t[last]!) / 1000;
  const average = sampled / (count - 1);
  if (increase > 0 && v[first]! >= 0) {
    const toZero = sampled * (v[first]! / increase);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let extrapolated = sampled;
  extrapolated += toStart < threshold ? toStart : average / 2;
  extrapolated += toEnd < threshold ? toEnd : average / 2;
  return (increase * (extrapolated / sampled)) / (windowMs / 1000);
}
