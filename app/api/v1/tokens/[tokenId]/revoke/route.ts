import { revokeApiToken } from "@/lib/actions/tokens/revoke-api-token";
import { defineRoute } from "@/lib/api/define-route";

export const POST = defineRoute(revokeApiToken);
