import { testHostConnection } from "@/lib/actions/hosts/test-host-connection";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(testHostConnection);
