import { scaleInstance } from "@/lib/actions/instances/scale-instance";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(scaleInstance);
