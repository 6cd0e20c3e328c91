import { evaluate } from "./query/evaluate";
import { stepTimes } from "./query/steps";
import { groupKey, type StepSeries } from "./query/vector";
import type { SeriesQuery, SeriesResult } from "./query-schema";
import { selectorMatchers } from "./selector-matchers";
import { rateWindowMs, SCOPE_LABELS, seriesDefinition } from "./series-catalog";
import { compileMatcher } from "./store/matchers";
import type { SeriesStore } from "./store/series-store";
import type { TargetKind } from "./target-labels";

/** A named series over a range, from the embedded store: sources and alternatives joined step by step as PromQL `or` does. */
export function queryStore(
  store: SeriesStore,
  query: SeriesQuery,
  scrapeIntervalMs: number,
): SeriesResult & { status: "ok" } {
  const def = seriesDefinition(query.series);
  const scope = SCOPE_LABELS[def.scope];
  const steps = stepTimes(query.range.startMs, query.range.endMs, query.range.stepMs);
  const windowMs = rateWindowMs(query.range.stepMs, scrapeIntervalMs);
  const union = new Map<string, StepSeries>();
  for (const [kind, alternatives] of Object.entries(def.sources) as [TargetKind, typeof def.sources.vllm][]) {
    const matchers = selectorMatchers(query.selector, kind).map(compileMatcher);
    for (const expr of alternatives ?? []) {
      for (const row of evaluate(expr, { store, steps, windowMs, scope, matchers })) {
        const key = groupKey(row.labels, scope);
        const earlier = union.get(key);
        if (!earlier) union.set(key, row);
        else
          for (let k = 0; k < steps.length; k++)
            if (Number.isNaN(earlier.values[k]!)) earlier.values[k] = row.values[k]!;
      }
    }
  }
  return {
    status: "ok",
    series: query.series,
    unit: def.unit,
    timestampsMs: Array.from(steps),
    // like query_range, a series with no value in the whole range is left out
    data: [...union.values()]
      .filter((row) => row.values.some((v) => !Number.isNaN(v)))
      .map((row) => ({ labels: row.labels, values: Array.from(row.values, (v) => (Number.isFinite(v) ? v : null)) })),
  };
}
