import { createLayout } from "@/lib/actions/layouts/create-layout";
import { defineRoute } from "@/lib/api/define-route";
import { listLayoutsSpec } from "@/lib/api/read/lists";

export const GET = defineRoute(listLayoutsSpec);
export const POST = defineRoute(createLayout);
