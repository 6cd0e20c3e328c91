import "server-only";
import type { Role } from "../vocabulary/access";
import { env } from "./env";
import { providerOf } from "../migrations";

export interface ConfigRow {
  name: string;
  value: string;
  meaning: string;
}

/**
 * The running configuration as a person reads it. Admins see values with any credentials in URLs masked; everyone
 * else sees only whether a setting is set (server paths, endpoints and URLs tell an attacker where to look).
 * The secret itself is never shown.
 */
export function describeConfig(role: Role): ConfigRow[] {
  const e = env();
  const admin = role === "admin";
  const shown = (value: string | undefined, mask: (v: string) => string = (v) => v) =>
    value ? (admin ? mask(value) : "set") : "not set";
  const provider = providerOf(e.DATABASE_URL);
  return [
    {
      name: "DATABASE_URL",
      value: shown(e.DATABASE_URL, maskUrlCredentials),
      meaning: provider === "sqlite" ? "embedded SQLite file" : "PostgreSQL",
    },
    { name: "PORT", value: String(e.PORT), meaning: "HTTP port of this server" },
    {
      name: "PROMETHEUS_URL",
      value: shown(e.PROMETHEUS_URL, maskUrlCredentials),
      meaning: e.PROMETHEUS_URL ? "external Prometheus for charts" : "the embedded scraper collects metrics",
    },
    {
      name: "DOCKER_HOSTS",
      value: shown(e.DOCKER_HOSTS.join(", ") || undefined, () => e.DOCKER_HOSTS.map(maskUrlCredentials).join(", ")),
      meaning: "Docker endpoints of GPU hosts",
    },
    {
      name: "FLEETDECK_SECRET",
      value: e.FLEETDECK_SECRET ? "set" : admin ? `generated, kept in ${e.FLEETDECK_DATA_DIR}/secret` : "generated",
      meaning: "key for sessions and encrypted secrets",
    },
    { name: "FLEETDECK_DATA_DIR", value: shown(e.FLEETDECK_DATA_DIR), meaning: "where local state lives" },
    {
      name: "FLEETDECK_TRUSTED_PROXIES",
      value: admin
        ? e.FLEETDECK_TRUSTED_PROXIES.join(", ") || "none"
        : e.FLEETDECK_TRUSTED_PROXIES.length
          ? "set"
          : "none",
      meaning: "proxies whose X-Forwarded-For/-Proto/-Host are believed",
    },
  ];
}

/** A URL with its password (and, for http(s), its user name, often a token) replaced by ***. */
export function maskUrlCredentials(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    if (u.username && /^https?:$/.test(u.protocol)) u.username = "***";
    return u.toString();
  } catch {
    return "(not a URL: hidden)";
  }
}
