import { desiredStateSpec } from "@/lib/actions/instances/desired-state";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(desiredStateSpec("stopped"));
