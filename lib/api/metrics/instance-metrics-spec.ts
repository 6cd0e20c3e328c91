import "server-only";
import { z } from "zod";
import { seriesListSchema, resolveRange } from "../../metrics/api/query-params";
import { rangeParamsSchema, RANGE_CHOICES } from "../../metrics/api/range";
import type { MetricsQueryResponse } from "../../metrics/api/responses";
import { NAMED_SERIES_IDS } from "../../metrics/series-catalog";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import type { ActionSpec } from "../../actions/types";
import { metricsReadCheck } from "./metrics-read-check";
import { runMetricsQuery } from "./run-metrics-query";
import { visibilityOf } from "./visibility";

export const instanceMetricsInput = z.intersection(
  z.object({
    instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
    series: seriesListSchema,
  }),
  rangeParamsSchema,
);

/** The query parameters as the OpenAPI document shows them. */
export const instanceMetricsQueryDoc = z.object({
  series: z.string().describe(
    `Comma-separated named series, e.g. ${NAMED_SERIES_IDS.filter((s) => s.startsWith("instance."))
      .slice(0, 3)
      .join(",")}. One of: ${NAMED_SERIES_IDS.join(", ")}`,
  ),
  range: z.enum(RANGE_CHOICES).optional().describe("Default 1h; custom takes start and end"),
  start: z.number().int().optional().describe("Milliseconds since the epoch (range=custom)"),
  end: z.number().int().optional().describe("Milliseconds since the epoch (default now)"),
  step: z.number().int().min(1000).optional().describe("Milliseconds between points (default: about 120 points)"),
});

/** GET /api/v1/instances/{instanceId}/metrics: one instance's named series, for scripts and other dashboards. */
export const instanceMetricsSpec = {
  name: "api.instances.metrics",
  input: instanceMetricsInput,
  readOnly: true,
  authorize: async (input) =>
    metricsReadCheck({ instance: input.instanceId }, (await (await metricsService()).inventory()).inventory),
  prepare: async (input, actor) => {
    const service = await metricsService();
    const { inventory } = await service.inventory();
    const range = resolveRange(input, Date.now(), service.intervalMs);
    const selector = { instance: input.instanceId };
    return runMetricsQuery(service, input.series, selector, range, await visibilityOf(actor, inventory));
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
} satisfies ActionSpec<typeof instanceMetricsInput, MetricsQueryResponse, MetricsQueryResponse>;
