/**
 * The request headers fleetdeck's HTTP server (scripts/server.mjs) sets on every request after stripping any a
 * client sent: the app reads who is calling from these, never from X-Forwarded-* directly. FLEETDECK_GATE=1 in the
 * server's environment says they are there; without it (a bare `next start` or `next dev`) nothing is believed.
 */
export const CLIENT_IP_HEADER = "x-fleetdeck-client-ip";
export const CLIENT_PROTO_HEADER = "x-fleetdeck-client-proto";
export const CLIENT_HOST_HEADER = "x-fleetdeck-client-host";
export const INTERNAL_PREFIX = "x-fleetdeck-";

export function behindGate(): boolean {
  return process.env.FLEETDECK_GATE === "1";
}

/** The caller's address as the server decided it; null when unknown. */
export function clientIp(headers: Headers): string | null {
  return behindGate() ? headers.get(CLIENT_IP_HEADER) : null;
}

/** "https" when the caller reached fleetdeck over TLS (directly or through a trusted proxy that says so). */
export function clientProto(headers: Headers): "http" | "https" | null {
  const proto = behindGate() ? headers.get(CLIENT_PROTO_HEADER) : null;
  return proto === "http" || proto === "https" ? proto : null;
}

/** The host the caller asked for (Host, or a trusted proxy's X-Forwarded-Host). */
export function clientHost(headers: Headers): string | null {
  return behindGate() ? headers.get(CLIENT_HOST_HEADER) : headers.get("host");
}
