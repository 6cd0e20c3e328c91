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
  const { t, v } = withoutStaleMarkers(s);
  // resets[i]: what counter resets add up to from sample 0 to sample i, so any window's increase is O(1)
  const resets = new Float64Array(t.length);
  for (let i = 1; i < t.length; i++) resets[i] = resets[i - 1]! + (v[i]! < v[i - 1]! ? v[i - 1]! : 0);
  let lo = 0;
  let hi = 0;
  const windowSeconds = windowMs / 1000;
  for (let k = 0; k < steps.length; k++) {
    const end = steps[k]!;
    const start = end - windowMs;
    while (lo < t.length && t[lo]! < start) lo++;
    if (hi < lo) hi = lo;
    while (hi < t.length && t[hi]! <= end) hi++;
    const count = hi - lo;
    if (count < 2) continue;
    const first = lo;
    const last = hi - 1;
    const increase = v[last]! - v[first]! + (resets[last]! - resets[first]!);
    const sampled = (t[last]! - t[first]!) / 1000;
    let toStart = (t[first]! - start) / 1000;
    const toEnd = (end - t[last]!) / 1000;
    const average = sampled / (count - 1);
    if (increase > 0 && v[first]! >= 0) {
      const toZero = sampled * (v[first]! / increase);
      if (toZero < toStart) toStart = toZero;
    }
    const threshold = average * 1.1;
    const extrapolated =
      sampled + (toStart < threshold ? toStart : average / 2) + (toEnd < threshold ? toEnd : average / 2);
    out[k] = (increase * (extrapolated / sampled)) / windowSeconds;
  }
  return out;
}

/** rate() never sees staleness markers. */
function withoutStaleMarkers(s: SeriesSamples): { t: Float64Array; v: Float64Array } {
  if (!s.stale) return s;
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < s.t.length; i++) {
    if (s.stale[i] === 1) continue;
    t.push(s.t[i]!);
    v.push(s.v[i]!);
  }
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}
