import { defineRoute } from "@/lib/api/define-route";
import { instanceMetricsSpec } from "@/lib/api/metrics/instance-metrics-spec";

export const GET = defineRoute(instanceMetricsSpec);
