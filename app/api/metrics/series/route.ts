import { defineRoute } from "@/lib/api/define-route";
import { metricsSeriesSpec } from "@/lib/api/metrics/metrics-series-spec";

export const GET = defineRoute(metricsSeriesSpec);
