import "server-only";
import type { z } from "zod";
import { executeAction, specOf } from "../actions/define-action";
import type { ActionSpec, ServerAction } from "../actions/types";
import { register } from "../actions/registry";
import { runWithHeaders } from "../auth/request-context";
import { bearerToken } from "../tokens/token-format";
import { env } from "../server/env";
import { clientHost } from "../server/http-gate/client-headers";
import { originHost } from "../server/http-gate/gate-request";

/** Largest JSON body /api/v1 accepts, in bytes. */
export const MAX_BODY_BYTES = 1_048_576;

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra },
  });
}

/**
 * A cookie-authenticated write must come from our own origin (CSRF); token callers send no cookies. The host it is
 * compared with is the one fleetdeck's HTTP server decided (a client's X-Forwarded-Host counts for nothing).
 */
function sameOrigin(request: Request): boolean {
  const from = originHost(request.headers.get("origin") ?? undefined);
  if (from === null) return false;
  return from === clientHost(request.headers) || env().FLEETDECK_ALLOWED_ORIGINS.includes(from);
}

async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (request.method === "GET" || request.method === "HEAD") return { ok: true, value: {} };
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES)
    return {
      ok: false,
      response: json(413, { error: `The body is ${length} bytes; the limit is ${MAX_BODY_BYTES} bytes.` }),
    };
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    return { ok: false, response: json(413, { error: `The body is over ${MAX_BODY_BYTES} bytes.` }) };
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      response: json(400, { error: "The body is not JSON: send a JSON object with Content-Type: application/json." }),
    };
  }
}

/**
 * A /api/v1 route handler built on the same pipeline as server actions (executeAction): caller
 * (Bearer token or session cookie) → anonymous refused (401) → zod → authorize on the resource → run + audit.
 * Path parameters and the JSON body are merged into one input object. Give it a server action (the route runs
 * the same action: `defineRoute(applyRevision)`) or, for an endpoint with no action, its own spec.
 */
export function defineRoute<S extends z.ZodType, T, P = undefined>(
  source: ServerAction<T> | (ActionSpec<S, T, P> & { respond?: (data: T) => Response | Promise<Response> }),
): RouteHandler {
  const spec = (typeof source === "function" ? requireSpec(source) : source) as ActionSpec<z.ZodType, T, unknown> & {
    respond?: (data: T) => Response | Promise<Response>;
  };
  const execute = executeAction(spec);
  const handler: RouteHandler = async (request, context) => {
    const unsafe = request.method !== "GET" && request.method !== "HEAD";
    if (unsafe && !bearerToken(request.headers) && request.headers.get("cookie") && !sameOrigin(request)) {
      return json(403, {
        error:
          "Cross-site request refused: call the API with an `Authorization: Bearer fd_…` token, or from the fleetdeck page itself.",
      });
    }
    const body = await readBody(request);
    if (!body.ok) return body.response;
    const params = await (context?.params ?? Promise.resolve({}));
    const query = request.method === "GET" ? Object.fromEntries(new URL(request.url).searchParams) : {};
    const input =
      body.value && typeof body.value === "object" && !Array.isArray(body.value)
        ? { ...query, ...body.value, ...params }
        : { ...query, ...params };
    const result = await runWithHeaders(request.headers, () => execute(input));
    const { status, ...rest } = result;
    if (rest.ok) return spec.respond ? spec.respond(rest.data) : json(200, rest.data);
    return json(
      status,
      { error: rest.error, fieldErrors: rest.fieldErrors, reference: rest.reference },
      status === 401 ? { "www-authenticate": 'Bearer realm="fleetdeck"' } : {},
    );
  };
  return register(handler, { name: spec.name, kind: "route", mutates: spec.readOnly !== true });
}

function requireSpec<T>(action: ServerAction<T>): ActionSpec<z.ZodType, T, unknown> {
  const spec = specOf(action);
  if (!spec) throw new Error("defineRoute: this function was not built with defineAction, so it has no spec to run");
  return spec;
}
