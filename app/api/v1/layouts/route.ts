import { listLayoutsSpec } from "@/lib/api/read-specs";
import { defineRoute } from "@/lib/api/define-route";

export const GET = defineRoute(listLayoutsSpec);
