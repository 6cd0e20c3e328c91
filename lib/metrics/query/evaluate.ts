import { parseFloatToken } from "../exposition/tokens";
import { compileMatcher, type CompiledMatcher, type LabelMatcher } from "../store/matchers";
import type { SeriesStore } from "../store/series-store";
import type { SeriesExpr } from "./expr";
import { bucketQuantile, type Bucket } from "./histogram-quantile";
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
      return evaluate(expr.expr, ctx).map(({ labels, values }) => ({ labels, values: values.map((v) => v * expr.scale + expr.offset) }));
    case "binary":
      return binary(expr.op, evaluate(expr.left, ctx), evaluate(expr.right, ctx), ctx.scope);
  }
}

function leafRows(metric: string, own: readonly LabelMatcher[] | undefined, ctx: EvalContext, fn: "value" | "rate"): StepSeries[] {
  const matchers = [...ctx.matchers, ...(own ?? []).map(compileMatcher)];
  const last = ctx.steps[ctx.steps.length - 1] ?? 0;
  const from = (ctx.steps[0] ?? 0) - Math.max(LOOKBACK_MS, ctx.windowMs);
  return ctx.store.select(metric, matchers).map((series) => {
    const samples = series.read(from, last);
    return { labels: series.labels as Record<string, string>, values: fn === "value" ? instantValues(samples, ctx.steps) : rates(samples, ctx.steps, ctx.windowMs) };
  });
}

function quantiles(q: number, bucketRows: StepSeries[], ctx: EvalContext): StepSeries[] {
  const byLe = aggregate(bucketRows, [...ctx.scope, "le"], "sum", ctx.steps.length);
  const groups = new Map<string, { labels: Record<string, string>; buckets: { upperBound: number; values: Float64Array }[] }>();
  for (const row of byLe) {
    const upperBound = parseFloatToken(row.labels.le ?? "");
    if (upperBound === undefined) continue;
    const key = groupKey(row.labels, ctx.scope);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels: pick(row.labels, ctx.scope), buckets: [] }));
    g.buckets.push({ upperBound, values: row.values });
  }
  return [...groups.values()].map(({ labels, buckets }) => {
    const values = new Float64Array(ctx.steps.length);
    const at: Bucket[] = [];
    for (let k = 0; k < values.length; k++) {
      at.length = 0;
      for (const b of buckets) if (!Number.isNaN(b.values[k]!)) at.push({ upperBound: b.upperBound, count: b.values[k]! });
      values[k] = at.length === 0 ? NaN : bucketQuantile(q, at);
    }
    return { labels, values };
  });
}

function binary(op: "+" | "-" | "*" | "/", left: StepSeries[], right: StepSeries[], scope: readonly string[]): StepSeries[] {
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
