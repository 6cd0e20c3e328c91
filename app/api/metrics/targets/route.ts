import { defineRoute } from "@/lib/api/define-route";
import { metricsTargetsSpec } from "@/lib/api/metrics/metrics-targets-spec";

export const GET = defineRoute(metricsTargetsSpec);
