import { listInstancesSpec } from "@/lib/api/read/lists";
import { defineRoute } from "@/lib/api/define-route";

export const GET = defineRoute(listInstancesSpec);
