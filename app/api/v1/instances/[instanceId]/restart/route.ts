import { restartInstance } from "@/lib/actions/instances/restart-instance";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(restartInstance);
