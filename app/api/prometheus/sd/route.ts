import { defineRoute } from "@/lib/api/define-route";
import { prometheusSdSpec } from "@/lib/api/metrics/prometheus-sd-spec";

export const GET = defineRoute(prometheusSdSpec);
