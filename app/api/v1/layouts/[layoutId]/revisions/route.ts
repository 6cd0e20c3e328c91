import { saveRevision } from "@/lib/actions/layouts/save-revision";
import { defineRoute } from "@/lib/api/define-route";
import { listRevisionsSpec } from "@/lib/api/read/lists";

export const GET = defineRoute(listRevisionsSpec);
export const POST = defineRoute(saveRevision);
