/** Evaluation times from `startMs` to `endMs` by `stepMs`, both ends included when they fall on the grid (as query_range). */
export function stepTimes(startMs: number, endMs: number, stepMs: number): Float64Array {
  const n = Math.floor((endMs - startMs) / stepMs) + 1;
  const out = new Float64Array(Math.max(0, n));
  for (let i = 0; i < out.length; i++) out[i] = startMs + i * stepMs;
  return out;
}
