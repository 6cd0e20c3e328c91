import { defineRoute } from "@/lib/api/define-route";
import { loadTestRunsSpec } from "@/lib/api/metrics/load-test-runs-spec";

export const GET = defineRoute(loadTestRunsSpec);
