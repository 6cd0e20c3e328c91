import { defineRoute } from "@/lib/api/define-route";
import { getRevisionSpec } from "@/lib/api/read/layout-specs";

/** A revision's document with its memory budget and findings, computed as the designer computes them. */
export const GET = defineRoute(getRevisionSpec);
