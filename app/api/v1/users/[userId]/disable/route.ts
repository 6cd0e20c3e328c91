import { disableUser } from "@/lib/actions/users/disable-user";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(disableUser);
