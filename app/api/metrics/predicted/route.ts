import { defineRoute } from "@/lib/api/define-route";
import { predictedSpec } from "@/lib/api/metrics/predicted-spec";

export const GET = defineRoute(predictedSpec);
