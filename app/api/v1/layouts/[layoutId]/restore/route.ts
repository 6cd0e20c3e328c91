import { restoreLayout } from "@/lib/actions/layouts/restore-layout";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(restoreLayout);
