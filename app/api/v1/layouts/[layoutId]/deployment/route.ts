import { defineRoute } from "@/lib/api/define-route";
import { deploymentSpec } from "@/lib/api/read-specs";

export const GET = defineRoute(deploymentSpec);
