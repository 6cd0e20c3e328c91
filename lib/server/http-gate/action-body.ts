import { exceedsNesting } from "./json-depth";

/**
 * What a server-action request body may hold before React decodes it. fleetdeck's actions take JSON arguments
 * (fetch with text/plain); React's reply encoding marks other values with a leading "$" (a client escapes a literal
 * "$" as "$$"). References to promises, streams, blobs, form data, maps, sets, iterators, server functions or
 * temporary client objects make the decoder throw before any action runs, so they are refused here with a 400;
 * values it decodes safely ($undefined, dates, BigInts, NaN, ±Infinity, -0) pass, and the action's own input check
 * names the field.
 */

export const MAX_ACTION_NESTING = 64;
const SAFE_SPECIAL = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

function firstUnsafeString(value: unknown): string | null {
  if (typeof value === "string") return value.startsWith("$") && !SAFE_SPECIAL.test(value) ? value : null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = firstUnsafeString(v);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) {
      const bad = firstUnsafeString(v);
      if (bad !== null) return bad;
    }
  }
  return null;
}

export interface BodyRefusal {
  status: 400 | 415;
  message: string;
}

export function actionBodyProblem(contentType: string | undefined, body: string): BodyRefusal | null {
  if (!/^text\/plain\b/i.test(contentType ?? ""))
    return {
      status: 415,
      message: "Server actions take JSON arguments sent as text/plain (the fleetdeck page's own requests).",
    };
  if (exceedsNesting(body, MAX_ACTION_NESTING))
    return {
      status: 400,
      message: `The body nests arrays or objects more than ${MAX_ACTION_NESTING} deep: send plainer input.`,
    };
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { status: 400, message: "The body is not JSON: a server action's arguments are a JSON array." };
  }
  if (!Array.isArray(args)) return { status: 400, message: "A server action's arguments are a JSON array." };
  const bad = firstUnsafeString(args);
  if (bad !== null)
    return {
      status: 400,
      message: `The body holds ${JSON.stringify(bad.slice(0, 20))}, a reference fleetdeck's actions never take: send plain JSON (escape a leading $ as $$).`,
    };
  return null;
}
