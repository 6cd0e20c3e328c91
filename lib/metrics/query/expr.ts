import type { LabelMatcher } from "../store/matchers";

export type Aggregation = "sum" | "avg" | "max" | "min";

/**
 * The small expression language named series are written in (never user input). Every leaf aggregates its series
 * by the series' scope labels, so both sides of a binary operation carry the same labels. Rendered as PromQL for
 * Prometheus mode and evaluated against the store in embedded mode.
 */
export type SeriesExpr =
  /** `agg by (scope) (metric{…})`: the latest sample at each step (5 min lookback, staleness honoured). */
  | { fn: "value"; metric: string; matchers?: LabelMatcher[]; agg: Aggregation }
  /** `agg by (scope) (rate(metric{…}[window]))`: per-second increase of a counter, Prometheus's extrapolation. */
  | { fn: "rate"; metric: string; matchers?: LabelMatcher[]; agg: Aggregation }
  /** `histogram_quantile(q, sum by (le, scope) (rate(metric_bucket{…}[window])))`. */
  | { fn: "quantile"; q: number; histogram: string; matchers?: LabelMatcher[] }
  /** `left op right`, matched one-to-one on the scope labels. */
  | { fn: "binary"; op: "+" | "-" | "*" | "/"; left: SeriesExpr; right: SeriesExpr }
  /** `expr * scale + offset` (unit conversions, `1 - idle`). */
  | { fn: "linear"; expr: SeriesExpr; scale: number; offset: number };
