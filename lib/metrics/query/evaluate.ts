import { parseFloatToken } from "../exposition/tokens";
import { compileMatcher, type CompiledMatcher, type LabelMatcher } from "../store/matchers";
import type { SeriesStore } from "../store/series-store";
import { ReadScratch } from "../store/series";
import type { SeriesExpr } from "./expr";
import { sortedBucketQuantile } from "./histogram-quantile";
import { instantValues, LOOKBACK_MS } from "./instant";
import { rates } from "./rate";
import { aggregate, groupKey, pick, type StepSeries } from "./vector";

export interface EvalContext {
  store: SeriesStore;
  steps: Float64Array;
  /** The range of `rate(…[window])`. */
  windowMs: number;
  /** Labels every leaf aggregates by (e.g. fleetdeck_instance). */
  scope: readonly string[];
  /** Applied to every leaf besides its own matchers (the caller's selector). */
  matchers: readonly CompiledMatcher[];
}

/** Evaluates a named-series expression against the store, step by step. */
export function evaluate(expr: SeriesExpr, ctx: EvalContext): StepSeries[] {
  switch (expr.fn) {
    case "value":
      return aggregate(leafRows(expr.metric, expr.matchers, ctx, "value"), ctx.scope, expr.agg, ctx.steps.length);
    case "rate":
      return aggregate(leafRows(expr.metric, expr.matchers, ctx, "rate"), ctx.scope, expr.agg, ctx.steps.length);
    case "quantile":
      return quantiles(expr.q, leafRows(`${expr.histogram}_bucket`, expr.matchers, ctx, "rate"), ctx);
    case "linear":
      return evaluate(expr.expr, ctx).map(({ labels, values }) => ({
        labels,
        values: values.map((v) => v * expr.scale + expr.offset),
      }));
    case "binary":
      return binary(expr.op, evaluate(expr.left, ctx), evaluate(expr.right, ctx), ctx.scope);
  }
}

function leafRows(
  metric: string,
  own: readonly LabelMatcher[] | undefined,
  ctx: EvalContext,
  fn: "value" | "rate",
): StepSeries[] {
  const matchers = [...ctx.matchers, ...(own ?? []).map(compileMatcher)];
  const last = ctx.steps[ctx.steps.length - 1] ?? 0;
  const from = (ctx.steps[0] ?? 0) - (fn === "value" ? LOOKBACK_MS : ctx.windowMs);
  const scratch = new ReadScratch();
  return ctx.store.select(metric, matchers).map((series) => {
    const samples = series.read(from, last, scratch);
    return {
      labels: series.labels as Record<string, string>,
      values: fn === "value" ? instantValues(samples, ctx.steps) : rates(samples, ctx.steps, ctx.windowMs),
    };
  });
}

function quantiles(q: number, bucketRows: StepSeries[], ctx: EvalContext): StepSeries[] {
  const byLe = aggregate(bucketRows, [...ctx.scope, "le"], "sum", ctx.steps.length);
  const groups = new Map<
    string,
    { labels: Record<string, string>; buckets: { upperBound: number; values: Float64Array }[] }
  >();
  for (const row of byLe) {
    const upperBound = parseFloatToken(row.labels.le ?? "");
    if (upperBound === undefined || Number.isNaN(upperBound)) continue;
    const key = groupKey(row.labels, ctx.scope);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels: pick(row.labels, ctx.scope), buckets: [] }));
    g.buckets.push({ upperBound, values: row.values });
  }
  const steps = ctx.steps.length;
  return [...groups.values()].map(({ labels, buckets }) => {
    const sorted = coalesceRows(
      buckets.sort((a, b) => a.upperBound - b.upperBound),
      steps,
    );
    const bounds = new Float64Array(sorted.length);
    const counts = new Float64Array(sorted.length);
    const values = new Float64Array(steps);
    for (let k = 0; k < steps; k++) {
      let n = 0;
      for (const b of sorted) {
        const v = b.values[k]!;
        if (Number.isNaN(v)) continue;
        bounds[n] = b.upperBound;
        counts[n++] = v;
      }
      values[k] = n === 0 ? NaN : sortedBucketQuantile(q, bounds, counts, n);
    }
    return { labels, values };
  });
}

/** Bucket rows with the same bound added step by step (NaN + x = x: a bucket missing at a step adds nothing). */
function coalesceRows(sorted: { upperBound: number; values: Float64Array }[], steps: number) {
  const out: { upperBound: number; values: Float64Array }[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (!last || last.upperBound !== b.upperBound) {
      out.push({ upperBound: b.upperBound, values: b.values });
      continue;
    }
    const merged = new Float64Array(steps);
    for (let k = 0; k < steps; k++) {
      const x = last.values[k]!;
      const y = b.values[k]!;
      merged[k] = Number.isNaN(x) ? y : Number.isNaN(y) ? x : x + y;
    }
    last.values = merged;
  }
  return out;
}

function binary(
  op: "+" | "-" | "*" | "/",
  left: StepSeries[],
  right: StepSeries[],
  scope: readonly string[],
): StepSeries[] {
  const rightByKey = new Map(right.map((r) => [groupKey(r.labels, scope), r]));
  const out: StepSeries[] = [];
  for (const l of left) {
    const r = rightByKey.get(groupKey(l.labels, scope));
    if (!r) continue;
    const values = new Float64Array(l.values.length);
    for (let k = 0; k < values.length; k++) {
      const a = l.values[k]!;
      const b = r.values[k]!;
      values[k] = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
    }
    out.push({ labels: l.labels, values });
  }
  return out;
}
