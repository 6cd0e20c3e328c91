import { editHost } from "@/lib/actions/hosts/edit-host";
import { removeHost } from "@/lib/actions/hosts/remove-host";
import { defineRoute } from "@/lib/api/define-route";
import { getHostSpec } from "@/lib/api/host-specs";

export const GET = defineRoute(getHostSpec);
export const PATCH = defineRoute(editHost);
export const DELETE = defineRoute(removeHost);
