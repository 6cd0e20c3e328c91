import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/server/csp";

/**
 * Runs before every page: a fresh CSP nonce per response, and an early redirect to sign-in when there
 * is no session cookie and no API token at all (optimistic only: the real check is authorize() in the data layer).
 * The share view is public: the layout travels in the link's fragment, and the page itself decides whether the
 * admin requires sign-in for it.
 */
const PUBLIC_PAGES = ["/sign-in", "/setup", "/layouts/share"];
const SESSION_COOKIES = ["fleetdeck.session_token", "__Secure-fleetdeck.session_token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const hasSession =
    SESSION_COOKIES.some((c) => request.cookies.has(c)) ||
    /^Bearer fd_/.test(request.headers.get("authorization") ?? "");
  if (!isApi && !hasSession && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
