import { defineRoute } from "@/lib/api/define-route";
import { queryMetricsSpec } from "@/lib/api/metrics/query-metrics-spec";

export const GET = defineRoute(queryMetricsSpec);
