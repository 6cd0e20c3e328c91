import { isIP } from "node:net";
import { normalizeAddress, type ProxyMatcher } from "./trusted-proxies";

/**
 * Who is calling, decided from the socket and, only when the peer is a trusted proxy, from X-Forwarded-*:
 * - ip: walking X-Forwarded-For from the right, the first address that is not a trusted proxy;
 * - proto: X-Forwarded-Proto's last value (http or https), else whether the socket is TLS;
 * - host: X-Forwarded-Host's last value, else the Host header.
 * A client that is not a trusted proxy cannot choose any of the three.
 */

export interface ClientInfo {
  ip: string;
  proto: "http" | "https";
  host: string;
}

type HeaderValue = string | string[] | undefined;

function lastValue(value: HeaderValue): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function resolveClient(
  peer: string,
  encrypted: boolean,
  headers: Record<string, HeaderValue>,
  trusted: ProxyMatcher,
): ClientInfo {
  const socketProto = encrypted ? "https" : "http";
  const hostHeader = typeof headers.host === "string" && HOST.test(headers.host) ? headers.host : "";
  const direct: ClientInfo = { ip: normalizeAddress(peer), proto: socketProto, host: hostHeader };
  if (!trusted(peer)) return direct;

  let ip = direct.ip;
  const hops = ([] as string[])
    .concat(headers["x-forwarded-for"] ?? [])
    .join(",")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    if (isIP(hop) === 0) break; // a proxy we trust wrote nonsense: stop at the last hop we could read
    ip = hop;
    if (!trusted(hop)) break;
  }
  const proto = lastValue(headers["x-forwarded-proto"])?.toLowerCase();
  const host = lastValue(headers["x-forwarded-host"]);
  return {
    ip,
    proto: proto === "https" || proto === "http" ? proto : socketProto,
    host: host && HOST.test(host) ? host : hostHeader,
  };
}
