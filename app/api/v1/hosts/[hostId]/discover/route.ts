import { discoverGpus } from "@/lib/actions/hosts/discover-gpus";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(discoverGpus);
