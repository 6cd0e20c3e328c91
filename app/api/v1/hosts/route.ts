import { addHost } from "@/lib/actions/hosts/add-host";
import { defineRoute } from "@/lib/api/define-route";
import { listHostsSpec } from "@/lib/api/host-specs";

export const GET = defineRoute(listHostsSpec);
export const POST = defineRoute(addHost);
