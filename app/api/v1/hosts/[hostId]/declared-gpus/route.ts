import { declareGpus } from "@/lib/actions/hosts/declare-gpus";
import { defineRoute } from "@/lib/api/define-route";

export const PUT = defineRoute(declareGpus);
