import type { SeriesExpr } from "../query/expr";
import type { Selector } from "../query-schema";
import { selectorMatchers } from "../selector-matchers";
import { SCOPE_LABELS, seriesDefinition, type NamedSeriesId } from "../series-catalog";
import type { LabelMatcher } from "../store/matchers";
import type { TargetKind } from "../target-labels";

/** A PromQL string literal: backslash, double quote and line breaks escaped, so a value can never end the string. */
export const promqlString = (value: string): string =>
  `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;

const selector = (metric: string, matchers: readonly LabelMatcher[]) =>
  `${metric}{${matchers.map((m) => `${m.label}${m.op}${promqlString(m.value)}`).join(",")}}`;

function render(expr: SeriesExpr, scope: readonly string[], base: readonly LabelMatcher[], windowMs: number): string {
  const by = scope.join(", ");
  switch (expr.fn) {
    case "value":
      return `${expr.agg} by (${by}) (${selector(expr.metric, [...base, ...(expr.matchers ?? [])])})`;
    case "rate":
      return `${expr.agg} by (${by}) (rate(${selector(expr.metric, [...base, ...(expr.matchers ?? [])])}[${windowMs}ms]))`;
    case "quantile":
      return `histogram_quantile(${expr.q}, sum by (le, ${by}) (rate(${selector(`${expr.histogram}_bucket`, [...base, ...(expr.matchers ?? [])])}[${windowMs}ms])))`;
    case "linear": {
      const scaled =
        expr.scale === 1
          ? `(${render(expr.expr, scope, base, windowMs)})`
          : `(${render(expr.expr, scope, base, windowMs)}) * ${expr.scale}`;
      return expr.offset === 0 ? scaled : `${scaled} + ${expr.offset}`;
    }
    case "binary":
      return `(${render(expr.left, scope, base, windowMs)}) ${expr.op} (${render(expr.right, scope, base, windowMs)})`;
  }
}

/**
 * The PromQL of a named series for a selector: every source's alternatives joined with `or`. The only variable
 * parts are the selector's values (as escaped string literals) and the window; nothing else comes from a caller.
 */
export function namedSeriesPromql(id: NamedSeriesId, sel: Selector, windowMs: number): string {
  const def = seriesDefinition(id);
  const scope = SCOPE_LABELS[def.scope];
  const parts: string[] = [];
  for (const [kind, alternatives] of Object.entries(def.sources) as [TargetKind, readonly SeriesExpr[]][]) {
    for (const expr of alternatives) parts.push(`(${render(expr, scope, selectorMatchers(sel, kind), windowMs)})`);
  }
  return parts.join(" or ");
}
