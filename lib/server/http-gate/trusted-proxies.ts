import { BlockList, isIP } from "node:net";

/**
 * FLEETDECK_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-* headers fleetdeck believes, as addresses or
 * CIDR ranges (`10.0.0.5, 10.1.0.0/16, ::1`). Empty (the default) = nobody's: the client is the socket's peer.
 */

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) → "127.0.0.1". */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** Null when the entry is usable, else what is wrong with it. */
export function proxyEntryProblem(entry: string): string | null {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (extra !== undefined || family === 0) return `"${entry}" is not an address or a CIDR range such as 10.0.0.0/8`;
  if (bits === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"${entry}" has a prefix length outside 0–${max}`;
  return null;
}

export function parseProxyList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export type ProxyMatcher = (address: string) => boolean;

export function trustedProxies(entries: readonly string[]): ProxyMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) throw new Error(`FLEETDECK_TRUSTED_PROXIES: ${problem}`);
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(normalizeAddress(address), family);
    else list.addSubnet(normalizeAddress(address), Number(bits), family);
  }
  return (address) => {
    const a = normalizeAddress(address);
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
  };
}
