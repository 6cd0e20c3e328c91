import { stopLayout } from "@/lib/actions/instances/stop-layout";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(stopLayout);
