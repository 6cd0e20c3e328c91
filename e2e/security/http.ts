import { readFileSync } from "node:fs";
import http from "node:http";
import { ADMIN_STATE, BASE_URL } from "../../playwright.config";

/**
 * Plain HTTP against the e2e server, the way an outside tester probes it: any method, any header, any body,
 * and any loopback source address (`from: "127.0.0.7"`), so a test can play a client with its own address
 * without trusting a header it sent.
 */

const base = new URL(BASE_URL);
export const ORIGIN = base.origin;

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The loopback source address to connect from (127.0.0.0/8), default 127.0.0.1. */
  from?: string;
}

export function raw(method: string, path: string, options: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length"))
      headers["content-length"] = String(body.length);
    let answered = false;
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers,
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    // A server that refuses a request early may close the socket while the body is still being written.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

/** The signed-in admin's cookie header, from the browser state the setup project saved. */
export function adminCookie(): string {
  const state = JSON.parse(readFileSync(ADMIN_STATE, "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies
    .filter((c) => c.name.includes("fleetdeck"))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename: string;
  exportedName: string;
}

function manifest(): Record<string, ManifestEntry> {
  const dist = process.env.FLEETDECK_DIST_DIR || ".next";
  return JSON.parse(readFileSync(`${dist}/server/server-reference-manifest.json`, "utf8")).node;
}

/** Every server action the build contains: its id, source file and a page that hosts it (dynamic segments filled with `x`). */
export function serverActions(): { id: string; file: string; page: string }[] {
  return Object.entries(manifest()).map(([id, entry]) => {
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) =>
        w
          .replace(/^app/, "")
          .replace(/\/page$/, "")
          .replace(/\/\([^)]+\)/g, "")
          .replace(/\[[^\]]+\]/g, "x"),
      );
    const page = pages.find((p) => !p.includes("/x")) ?? pages[0] ?? "/fleet";
    return { id, file: entry.filename, page: page || "/" };
  });
}

export function actionRef(file: string): { id: string; page: string } {
  const found = serverActions().find((a) => a.file.endsWith(file));
  if (!found) throw new Error(`no server action in ${file}: is the build current?`);
  return found;
}

export interface ActionCall {
  cookie?: string;
  token?: string;
  from?: string;
  /** Origin header; null sends none. Default: the server's own origin. */
  origin?: string | null;
  page?: string;
  headers?: Record<string, string>;
}

export interface ActionResponse {
  status: number;
  /** The action's ActionResult, or null when the response holds none (refused before the action ran). */
  result: { ok: boolean; error?: string; data?: unknown; fieldErrors?: Record<string, string[]> } | null;
  text: string;
  setCookie: string[];
}

/** The action's return value in a React Server Components response ("0:{"a":"$@1",…}" then "1:{…}"). */
export function parseActionResult(text: string): ActionResponse["result"] {
  const lines = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) lines.set(m[1]!, m[2]!);
  }
  const head = lines.get("0");
  if (!head) return null;
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(head)?.[1];
  const body = ref ? lines.get(ref) : undefined;
  if (!body?.startsWith("{")) return null;
  return JSON.parse(body);
}

/** Calls a server action over HTTP, as the browser's fetch does (body: the JSON-encoded argument list). */
export async function callAction(file: string, input: unknown, call: ActionCall = {}): Promise<ActionResponse> {
  const ref = actionRef(file);
  const headers: Record<string, string> = {
    "next-action": ref.id,
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
    ...call.headers,
  };
  if (call.origin !== null) headers.origin = call.origin ?? ORIGIN;
  if (call.cookie) headers.cookie = call.cookie;
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const response = await raw("POST", call.page ?? ref.page, {
    headers,
    body: JSON.stringify([input]),
    from: call.from,
  });
  const setCookie = ([] as string[]).concat(response.headers["set-cookie"] ?? []);
  return { status: response.status, result: parseActionResult(response.text), text: response.text, setCookie };
}

/** Signs in through the sign-in server action; returns the session cookie header. */
export async function signInCookie(identifier: string, password: string, from = "127.0.0.1"): Promise<string> {
  const r = await callAction("lib/actions/auth/sign-in.ts", { identifier, password }, { from });
  if (!r.result?.ok) throw new Error(`sign-in as ${identifier} failed: ${r.result?.error ?? r.status}`);
  return r.setCookie.map((c) => c.split(";")[0]).join("; ");
}

/** JSON over /api/v1 with a token or a cookie. */
export async function api(
  method: string,
  path: string,
  auth: { token?: string; cookie?: string; from?: string; headers?: Record<string, string> },
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the response it expects
): Promise<{ status: number; json: any; headers: http.IncomingHttpHeaders }> {
  const headers: Record<string, string> = { accept: "application/json", ...auth.headers };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) {
    headers.cookie = auth.cookie;
    headers.origin ??= ORIGIN;
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await raw(method, path, {
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    from: auth.from,
  });
  let json: unknown = null;
  try {
    json = r.text ? JSON.parse(r.text) : null;
  } catch {
    json = { unparsed: r.text.slice(0, 500) };
  }
  return { status: r.status, json, headers: r.headers };
}
