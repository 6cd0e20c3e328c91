import { defineRoute } from "@/lib/api/define-route";
import { instanceDetailSpec } from "@/lib/api/instance-detail";

export const GET = defineRoute(instanceDetailSpec);
