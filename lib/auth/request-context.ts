import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The incoming request's headers. Route handlers (defineRoute) and tests run their work inside
 * runWithHeaders(); server actions and pages fall back to Next's request-scoped headers().
 */
const store = new AsyncLocalStorage<Headers>();

export function runWithHeaders<T>(headers: Headers, fn: () => Promise<T>): Promise<T> {
  return store.run(headers, fn);
}

export async function requestHeaders(): Promise<Headers> {
  const scoped = store.getStore();
  if (scoped) return scoped;
  try {
    const { headers } = await import("next/headers");
    return new Headers(await headers());
  } catch {
    // Outside a request (a script, a test without runWithHeaders): nobody is calling.
    return new Headers();
  }
}

/** The caller's address, as fleetdeck's HTTP server decided it from the socket (and trusted proxies only). */
export { clientIp } from "../server/http-gate/client-headers";
