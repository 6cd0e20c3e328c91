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

/**
 * The caller's address: the right-most X-Forwarded-For entry (added by the nearest proxy, the one
 * a client cannot forge), else X-Real-IP.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const parts = forwarded
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const last = parts.at(-1);
    if (last) return last.slice(0, 64);
  }
  return headers.get("x-real-ip")?.slice(0, 64) ?? null;
}
