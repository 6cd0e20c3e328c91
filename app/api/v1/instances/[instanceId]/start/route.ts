import { startInstance } from "@/lib/actions/instances/start-instance";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(startInstance);
