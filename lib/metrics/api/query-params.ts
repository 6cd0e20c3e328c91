import { z } from "zod";
import { type NamedSeriesId, NAMED_SERIES_IDS } from "../series-catalog";
import type { Selector, SeriesQuery } from "../query-schema";
import { rangeParamsSchema, resolveRange, type ResolvedRange } from "./range";

/** At most this many named series in one request (a page of charts asks for a dozen). */
export const MAX_SERIES_PER_REQUEST = 32;

const known = new Set<string>(NAMED_SERIES_IDS);

/** `series=a,b,c`: named series only (never PromQL). */
export const seriesListSchema = z
  .string({ message: "series is required: a comma-separated list of named series (e.g. gpu.memory.used)" })
  .transform((v, ctx) => {
    const ids = [
      ...new Set(
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (ids.length === 0 || ids.length > MAX_SERIES_PER_REQUEST) {
      ctx.addIssue({ code: "custom", message: `series must name 1 to ${MAX_SERIES_PER_REQUEST} named series` });
      return z.NEVER;
    }
    const bad = ids.filter((id) => !known.has(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `series: ${bad.map((b) => JSON.stringify(b)).join(", ")} ${bad.length === 1 ? "is not a named series" : "are not named series"}; use ids such as ${NAMED_SERIES_IDS.slice(0, 3).join(", ")} (GET /api/metrics/series lists them)`,
      });
      return z.NEVER;
    }
    return ids as NamedSeriesId[];
  });

const selectorValue = (field: string) =>
  z.string().min(1, `${field} must not be empty`).max(256, `${field} must be at most 256 characters`).optional();

/** GET /api/metrics/query: named series, a selector (instance, host, GPU ids) and a range. */
export const metricsQueryParamsSchema = z.intersection(
  z.object({
    series: seriesListSchema,
    instance: selectorValue("instance"),
    host: selectorValue("host"),
    gpu: selectorValue("gpu"),
  }),
  rangeParamsSchema,
);
export type MetricsQueryParams = z.infer<typeof metricsQueryParamsSchema>;
export type MetricsQueryParamsInput = z.input<typeof metricsQueryParamsSchema>;

export function selectorOf(p: { instance?: string; host?: string; gpu?: string }): Selector {
  return {
    ...(p.instance !== undefined && { instance: p.instance }),
    ...(p.host !== undefined && { host: p.host }),
    ...(p.gpu !== undefined && { gpu: p.gpu }),
  };
}

export function seriesQueriesOf(
  series: readonly NamedSeriesId[],
  selector: Selector,
  range: ResolvedRange,
): SeriesQuery[] {
  return series.map((id) => ({ series: id, selector, range }));
}

export { resolveRange };
