import { listRevisionsSpec } from "@/lib/api/read-specs";
import { defineRoute } from "@/lib/api/define-route";

export const GET = defineRoute(listRevisionsSpec);
