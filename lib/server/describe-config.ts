import "server-only";
import { env } from "./env";
import { providerOf } from "../migrations";

export interface ConfigRow {
  name: string;
  value: string;
  meaning: string;
}

/** The running configuration as a person reads it. Credentials in URLs and the secret are never shown. */
export function describeConfig(): ConfigRow[] {
  const e = env();
  const provider = providerOf(e.DATABASE_URL);
  const database = provider === "sqlite" ? e.DATABASE_URL : redactUrl(e.DATABASE_URL);
  return [
    { name: "DATABASE_URL", value: database, meaning: provider === "sqlite" ? "embedded SQLite file" : "PostgreSQL" },
    { name: "PORT", value: String(e.PORT), meaning: "HTTP port of this server" },
    {
      name: "PROMETHEUS_URL",
      value: e.PROMETHEUS_URL ?? "not set",
      meaning: e.PROMETHEUS_URL ? "external Prometheus for charts" : "the embedded scraper collects metrics",
    },
    { name: "DOCKER_HOSTS", value: e.DOCKER_HOSTS.join(", ") || "not set", meaning: "Docker endpoints of GPU hosts" },
    {
      name: "FLEETDECK_SECRET",
      value: e.FLEETDECK_SECRET ? "set" : `generated, kept in ${e.FLEETDECK_DATA_DIR}/secret`,
      meaning: "key for sessions and encrypted secrets",
    },
    { name: "FLEETDECK_DATA_DIR", value: e.FLEETDECK_DATA_DIR, meaning: "where local state lives" },
  ];
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable)";
  }
}
