import { applyRevision } from "@/lib/actions/instances/apply-revision";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(applyRevision);
