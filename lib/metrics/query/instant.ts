import type { SeriesSamples } from "../store/series";

/** Prometheus's default lookback: an instant query sees the latest sample at most this old. */
export const LOOKBACK_MS = 5 * 60_000;

/**
 * The value at each step: the latest sample at or before it and within the lookback; absent (NaN) when there is
 * none or when that latest sample is a staleness marker.
 */
export function instantValues(s: SeriesSamples, steps: Float64Array, lookbackMs = LOOKBACK_MS): Float64Array {
  const out = new Float64Array(steps.length).fill(NaN);
  let j = -1;
  for (let k = 0; k < steps.length; k++) {
    const at = steps[k]!;
    while (j + 1 < s.t.length && s.t[j + 1]! <= at) j++;
    if (j < 0 || s.t[j]! <= at - lookbackMs || (s.stale && s.stale[j] === 1)) continue;
    out[k] = s.v[j]!;
  }
  return out;
}
