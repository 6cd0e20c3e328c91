import { createApiToken } from "@/lib/actions/tokens/create-api-token";
import { defineRoute } from "@/lib/api/define-route";
import { listTokensSpec } from "@/lib/api/read/people-specs";

export const GET = defineRoute(listTokensSpec);
export const POST = defineRoute(createApiToken);
