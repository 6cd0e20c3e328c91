import { deleteUser } from "@/lib/actions/users/delete-user";
import { setUserRole } from "@/lib/actions/users/set-user-role";
import { defineRoute } from "@/lib/api/define-route";

/** PATCH {"role": "operator"} changes the role; DELETE deletes the account. */
export const PATCH = defineRoute(setUserRole);
export const DELETE = defineRoute(deleteUser);
