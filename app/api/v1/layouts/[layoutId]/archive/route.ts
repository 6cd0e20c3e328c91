import { archiveLayout } from "@/lib/actions/layouts/archive-layout";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(archiveLayout);
