import type { Aggregation } from "./expr";

/** One result series: its labels (the scope labels) and a value per step, NaN where there is none. */
export interface StepSeries {
  labels: Record<string, string>;
  values: Float64Array;
}

export const groupKey = (labels: Readonly<Record<string, string>>, by: readonly string[]): string =>
  by.map((l) => labels[l] ?? "").join("\u0000");

export const pick = (labels: Readonly<Record<string, string>>, by: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const l of by) if (labels[l] !== undefined && labels[l] !== "") out[l] = labels[l]!;
  return out;
};

/**
 * `agg by (by) (rows)`: rows with equal `by` labels combined step by step; a step where no row has a value has
 * none. (Absent and NaN samples are both NaN here, so a NaN sample is skipped rather than poisoning a sum.)
 */
export function aggregate(
  rows: readonly StepSeries[],
  by: readonly string[],
  agg: Aggregation,
  steps: number,
): StepSeries[] {
  const groups = new Map<string, StepSeries[]>();
  for (const row of rows) {
    const key = groupKey(row.labels, by);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const out: StepSeries[] = [];
  for (const group of groups.values()) {
    const labels = pick(group[0]!.labels, by);
    // one row: every aggregation of a single value is that value
    if (group.length === 1) {
      out.push({ labels, values: group[0]!.values });
      continue;
    }
    const acc = new Float64Array(steps).fill(NaN);
    const n = new Uint32Array(steps);
    for (const row of group) {
      for (let k = 0; k < steps; k++) {
        const v = row.values[k]!;
        if (Number.isNaN(v)) continue;
        const a = acc[k]!;
        acc[k] = n[k] === 0 ? v : agg === "max" ? Math.max(v, a) : agg === "min" ? Math.min(v, a) : a + v;
        n[k]! += 1;
      }
    }
    if (agg === "avg") for (let k = 0; k < steps; k++) if (n[k]! > 0) acc[k] = acc[k]! / n[k]!;
    out.push({ labels, values: acc });
  }
  return out;
}
