import { stopInstance } from "@/lib/actions/instances/stop-instance";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(stopInstance);
