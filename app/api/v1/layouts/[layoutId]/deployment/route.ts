import { defineRoute } from "@/lib/api/define-route";
import { deploymentSpec } from "@/lib/api/read/lists";

export const GET = defineRoute(deploymentSpec);
