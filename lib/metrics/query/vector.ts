import type { Aggregation } from "./expr";

/** One result series: its labels (the scope labels) and a value per step, NaN where there is none. */
export interface StepSeries {
  labels: Record<string, string>;
  values: Float64Array;
}

export const groupKey = (labels: Readonly<Record<string, string>>, by: readonly string[]): string => by.map((l) => labels[l] ?? "").join("\u0000");

export const pick = (labels: Readonly<Record<string, string>>, by: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const l of by) if (labels[l] !== undefined && labels[l] !== "") out[l] = labels[l]!;
  return out;
};

/**
 * `agg by (by) (rows)`: rows with equal `by` labels combined step by step; a step where no row has a value has
 * none. (Absent and NaN samples are both NaN here, so a NaN sample is skipped rather than poisoning a sum.)
 */
export function aggregate(rows: readonly StepSeries[], by: readonly string[], agg: Aggregation, steps: number): StepSeries[] {
  const groups = new Map<string, { labels: Record<string, string>; acc: Float64Array; n: Uint32Array }>();
  for (const row of rows) {
    const key = groupKey(row.labels, by);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels: pick(row.labels, by), acc: new Float64Array(steps), n: new Uint32Array(steps) }));
    for (let k = 0; k < steps; k++) {
      const v = row.values[k]!;
      if (Number.isNaN(v)) continue;
      const n = g.n[k]!;
      g.acc[k] = n === 0 ? v : agg === "max" ? Math.max(g.acc[k]!, v) : agg === "min" ? Math.min(g.acc[k]!, v) : g.acc[k]! + v;
      g.n[k] = n + 1;
    }
  }
  return [...groups.values()].map(({ labels, acc, n }) => {
    for (let k = 0; k < steps; k++) {
      if (n[k] === 0) acc[k] = NaN;
      else if (agg === "avg") acc[k] = acc[k]! / n[k]!;
    }
    return { labels, values: acc };
  });
}
