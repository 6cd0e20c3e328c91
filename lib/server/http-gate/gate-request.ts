import type { ClientInfo } from "./resolve-client";

/**
 * What fleetdeck's HTTP server refuses before Next sees a request, each with a clear 4xx where Next would answer
 * 500 or let it through: a method nobody serves, a body without a length or over the limit, and a state-changing
 * request to a page (a server action) whose Origin is missing, "null", malformed or another site's. /api/* makes
 * its own origin check (a bearer token needs none) and answers in JSON.
 */

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface GateConfig {
  maxBodyBytes: number;
  /** Extra hosts (`fleet.example.com`) whose pages may call server actions, from FLEETDECK_ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
}

export interface Refusal {
  status: 400 | 403 | 405 | 411 | 413;
  message: string;
  headers?: Record<string, string>;
}

type Headers = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

export function isApiPath(url: string): boolean {
  return url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
}

/** The host of an Origin header, or null when it is absent, "null" or not a URL. */
export function originHost(origin: string | undefined): string | null {
  if (!origin || origin === "null") return null;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host ? url.host : null;
  } catch {
    return null;
  }
}

export function refuseRequest(
  method: string,
  url: string,
  headers: Headers,
  client: ClientInfo,
  config: GateConfig,
): Refusal | null {
  if (!(ALLOWED_METHODS as readonly string[]).includes(method))
    return {
      status: 405,
      message: `${method} is not served here: use ${ALLOWED_METHODS.join(", ")}.`,
      headers: { allow: ALLOWED_METHODS.join(", ") },
    };
  const length = one(headers["content-length"]);
  if (headers["transfer-encoding"] !== undefined && length === undefined)
    return { status: 411, message: "Send the body with a Content-Length header (chunked bodies are not accepted)." };
  if (length !== undefined && Number(length) > config.maxBodyBytes)
    return {
      status: 413,
      message: `The body is ${length} bytes; the limit is ${config.maxBodyBytes} bytes (1 MiB).`,
    };
  if (isSafeMethod(method) || isApiPath(url)) return null;
  const from = originHost(one(headers.origin));
  if (from === null)
    return {
      status: 403,
      message:
        "Refused: a request that changes something must come from a fleetdeck page (its Origin header is missing, null or not a URL).",
    };
  if (from !== client.host && !config.allowedOrigins.includes(from))
    return {
      status: 403,
      message: `Refused: cross-site request from ${from} (this server is ${client.host || "unknown"}). Behind a proxy that rewrites Host, set FLEETDECK_ALLOWED_ORIGINS.`,
    };
  // fleetdeck's pages change nothing by themselves: a state-changing request to one is a server action.
  if (headers["next-action"] === undefined)
    return {
      status: 405,
      message: "Pages take GET: change things through the page's own buttons (server actions) or /api/v1.",
      headers: { allow: "GET, HEAD" },
    };
  return null;
}

/**
 * Bodies of server actions are read whole first (an empty one too: React's decoder throws on it), to refuse
 * anything but a JSON array of plain arguments.
 */
export function needsBodyCheck(method: string, url: string): boolean {
  return !isSafeMethod(method) && !isApiPath(url);
}

/** Strict-Transport-Security once the caller reached fleetdeck over https, or the public URL is https. */
export function hstsHeader(client: ClientInfo, publicUrl: string | undefined): string | null {
  return client.proto === "https" || publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}
