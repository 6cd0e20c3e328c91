import { duplicateLayout } from "@/lib/actions/layouts/duplicate-layout";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(duplicateLayout);
