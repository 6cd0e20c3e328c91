import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { openApiDocument } from "@/lib/api/openapi";

/** The API's OpenAPI document; any signed-in caller (or read token) may fetch it. */
export const GET = defineRoute({
  name: "api.openapi",
  input: z.object({}).passthrough(),
  readOnly: true,
  authorize: () => ({ action: "fleet.read", resource: { type: "global" } }),
  run: async () => ({ data: openApiDocument() }),
});
