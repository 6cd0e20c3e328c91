import { addHostGrant } from "@/lib/actions/users/add-host-grant";
import { defineRoute } from "@/lib/api/define-route";

/** POST {"selector": "team=a"} grants an operator the hosts matching it. */
export const POST = defineRoute(addHostGrant);
