import { removeHostGrant } from "@/lib/actions/users/remove-host-grant";
import { defineRoute } from "@/lib/api/define-route";

export const DELETE = defineRoute(removeHostGrant);
