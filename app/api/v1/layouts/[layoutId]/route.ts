import { renameLayout } from "@/lib/actions/layouts/rename-layout";
import { defineRoute } from "@/lib/api/define-route";
import { getLayoutSpec } from "@/lib/api/read/layout-specs";

export const GET = defineRoute(getLayoutSpec);
export const PATCH = defineRoute(renameLayout);
