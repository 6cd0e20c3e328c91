import { enableUser } from "@/lib/actions/users/enable-user";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(enableUser);
