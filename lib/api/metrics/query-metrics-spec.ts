import "server-only";
import { metricsQueryParamsSchema, resolveRange, selectorOf } from "../../metrics/api/query-params";
import type { MetricsQueryResponse } from "../../metrics/api/responses";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import type { ActionSpec } from "../../actions/types";
import { metricsReadCheck } from "./metrics-read-check";
import { runMetricsQuery } from "./run-metrics-query";
import { visibilityOf } from "./visibility";

/**
 * GET /api/metrics/query?series=a,b&instance=|host=|gpu=&range=5m|1h|6h|24h|custom[&start=&end=][&step=]:
 * the charts' one query API, the same in both modes (embedded store or Prometheus).
 */
export const queryMetricsSpec = {
  name: "metrics.query",
  input: metricsQueryParamsSchema,
  readOnly: true,
  authorize: async (input) =>
    metricsReadCheck(selectorOf(input), (await (await metricsService()).inventory()).inventory),
  prepare: async (input, actor) => {
    const service = await metricsService();
    const { inventory } = await service.inventory();
    const range = resolveRange(input, Date.now(), service.intervalMs);
    return runMetricsQuery(service, input.series, selectorOf(input), range, await visibilityOf(actor, inventory));
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
} satisfies ActionSpec<typeof metricsQueryParamsSchema, MetricsQueryResponse, MetricsQueryResponse>;
