import { z } from "zod";
import { MAX_POINTS, MIN_STEP_MS } from "../query-schema";

/** The charts' ranges; "custom" takes start and end. */
export const RANGE_PRESETS = { "5m": 300_000, "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const RANGE_CHOICES = ["5m", "1h", "6h", "24h", "custom"] as const;
export type RangeChoice = (typeof RANGE_CHOICES)[number];

/** Points a chart aims for; the step never goes under the scrape interval (no point between two samples). */
export const TARGET_POINTS = 120;

const ms = (field: string) =>
  z.coerce
    .number({ message: `${field} must be milliseconds since the epoch` })
    .int(`${field} must be whole milliseconds since the epoch`)
    .nonnegative(`${field} must be milliseconds since the epoch`);

/** A chart's time range as the URL and the query API carry it. */
export const rangeParamsSchema = z
  .object({
    range: z.enum(RANGE_CHOICES, { message: `range must be one of ${RANGE_CHOICES.join(", ")}` }).default("1h"),
    start: ms("start").optional(),
    end: ms("end").optional(),
    step: z.coerce
      .number({ message: "step must be milliseconds" })
      .int("step must be whole milliseconds")
      .min(MIN_STEP_MS, `step must be at least ${MIN_STEP_MS} (one second)`)
      .optional(),
  })
  .refine((r) => r.range !== "custom" || (r.start !== undefined && r.end !== undefined), {
    message: "range=custom needs start and end (milliseconds since the epoch)",
    path: ["start"],
  })
  .refine((r) => r.start === undefined || r.end === undefined || r.end > r.start, {
    message: "end must be after start",
    path: ["end"],
  });
export type RangeParams = z.infer<typeof rangeParamsSchema>;

export interface ResolvedRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** The step for a span: about TARGET_POINTS points, whole seconds, never under the scrape interval. */
export function stepFor(spanMs: number, minStepMs: number): number {
  return Math.max(minStepMs, MIN_STEP_MS, Math.ceil(spanMs / TARGET_POINTS / 1000) * 1000);
}

/**
 * The range as start, end and step: presets end now (or at `end`), so the last point shows the latest sample;
 * custom ranges as given; the step is stretched so no range passes MAX_POINTS.
 */
export function resolveRange(params: RangeParams, nowMs: number, minStepMs: number): ResolvedRange {
  const custom = params.range === "custom";
  const span = params.range === "custom" ? params.end! - params.start! : RANGE_PRESETS[params.range];
  const wanted = params.step ?? stepFor(span, minStepMs);
  const stepMs = Math.max(wanted, Math.ceil(span / (MAX_POINTS - 1) / 1000) * 1000);
  const endMs = custom ? params.end! : (params.end ?? nowMs);
  const startMs = custom ? params.start! : endMs - span;
  return { startMs, endMs, stepMs };
}
