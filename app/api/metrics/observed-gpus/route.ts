import { defineRoute } from "@/lib/api/define-route";
import { observedGpusSpec } from "@/lib/api/metrics/observed-gpus-spec";

export const GET = defineRoute(observedGpusSpec);
