import { z } from "zod";
import { NAMED_SERIES_IDS } from "./series-catalog";

/** Prometheus refuses query_range answers above 11,000 points per series; so do we, in both modes. */
export const MAX_POINTS = 11_000;
export const MIN_STEP_MS = 1000;

const selectorValue = (field: string) =>
  z.string().min(1, `${field} must not be empty`).max(256, `${field} must be at most 256 characters`).optional();

/** Which instance, host or GPU a chart shows; each narrows the named series (all of them: AND). */
export const selectorSchema = z
  .object({
    instance: selectorValue("selector.instance"),
    host: selectorValue("selector.host"),
    gpu: selectorValue("selector.gpu"),
  })
  .strict();

export const rangeSchema = z
  .object({
    startMs: z.number().int("range.startMs must be whole milliseconds since the epoch"),
    endMs: z.number().int("range.endMs must be whole milliseconds since the epoch"),
    stepMs: z.number().int().min(MIN_STEP_MS, `range.stepMs must be at least ${MIN_STEP_MS} (one second)`),
  })
  .refine((r) => r.endMs >= r.startMs, { message: "range.endMs must not be before range.startMs", path: ["endMs"] })
  .refine((r) => (r.endMs - r.startMs) / r.stepMs + 1 <= MAX_POINTS, {
    message: `range covers more than ${MAX_POINTS} steps: make stepMs larger or the range shorter`,
    path: ["stepMs"],
  });

export const namedSeriesIdSchema = z.enum(NAMED_SERIES_IDS, {
  error: (issue) => `series must be one of the named series (got ${JSON.stringify(issue.input)})`,
});

export const seriesQuerySchema = z.object({
  series: namedSeriesIdSchema,
  selector: selectorSchema.default({}),
  range: rangeSchema,
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
export type SeriesQueryInput = z.input<typeof seriesQuerySchema>;
export type Selector = z.infer<typeof selectorSchema>;

export const instantQuerySchema = z.object({
  series: namedSeriesIdSchema,
  selector: selectorSchema.default({}),
  atMs: z.number().int(),
});
export type InstantQuery = z.infer<typeof instantQuerySchema>;

export const UNAVAILABLE_REASONS = [
  "prometheus-unreachable",
  "prometheus-timeout",
  "prometheus-error",
  "prometheus-bad-response",
] as const;

export const seriesResultSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("ok"),
    series: namedSeriesIdSchema,
    unit: z.string(),
    /** The evaluation times; every series' `values` has one entry per time, null where there is no value. */
    timestampsMs: z.array(z.number()),
    data: z.array(z.object({ labels: z.record(z.string(), z.string()), values: z.array(z.number().nullable()) })),
  }),
  z.object({
    status: z.literal("unavailable"),
    series: namedSeriesIdSchema,
    reason: z.enum(UNAVAILABLE_REASONS),
    message: z.string(),
    /** Since when this source has failed without a success in between. */
    sinceMs: z.number(),
  }),
]);
export type SeriesResult = z.infer<typeof seriesResultSchema>;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];
