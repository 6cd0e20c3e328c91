import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("has embedded defaults", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBe("file:./data/fleetdeck.db");
    expect(e.PORT).toBe(3000);
    expect(e.DOCKER_HOSTS).toEqual([]);
    expect(e.PROMETHEUS_URL).toBeUndefined();
  });

  it("accepts Postgres, Prometheus and Docker endpoints", () => {
    const e = parseEnv({
      DATABASE_URL: "postgres://u:p@db:5432/fleetdeck",
      PROMETHEUS_URL: "http://prom:9090",
      DOCKER_HOSTS: "unix:///var/run/docker.sock, tcp://gpu-02:2376",
      PORT: "8080",
    });
    expect(e.PORT).toBe(8080);
    expect(e.DOCKER_HOSTS).toEqual(["unix:///var/run/docker.sock", "tcp://gpu-02:2376"]);
  });

  it.each([
    ["PORT", "abc", /PORT="abc": expected a whole number from 1 to 65535/],
    ["PORT", "70000", /PORT="70000": expected a whole number/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL="mysql:\/\/x": expected file:/],
    ["PROMETHEUS_URL", "prom:9090", /PROMETHEUS_URL="prom:9090": expected an http\(s\) URL/],
    ["DOCKER_HOSTS", "gpu-01:2375", /DOCKER_HOSTS=.*expected a comma-separated list/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL="loud": expected one of/],
    [
      "FLEETDECK_PUBLIC_URL",
      "fleet.example.com",
      /FLEETDECK_PUBLIC_URL="fleet.example.com": expected the URL people open/,
    ],
    ["FLEETDECK_SECURE_COOKIES", "yes", /FLEETDECK_SECURE_COOKIES="yes": expected true or false/],
    [
      "FLEETDECK_METRICS_INTERVAL_MS",
      "500",
      /FLEETDECK_METRICS_INTERVAL_MS="500": expected the embedded scraper's interval in whole milliseconds, from 1000/,
    ],
    ["FLEETDECK_METRICS_INTERVAL_MS", "5s", /FLEETDECK_METRICS_INTERVAL_MS="5s": expected .* whole milliseconds/],
    [
      "FLEETDECK_METRICS_RETENTION_MS",
      "1000",
      /FLEETDECK_METRICS_RETENTION_MS="1000": expected how long .* from 60000/,
    ],
    [
      "FLEETDECK_METRICS_MAX_BYTES",
      "lots",
      /FLEETDECK_METRICS_MAX_BYTES="lots": expected the embedded store's memory cap/,
    ],
    ["FLEETDECK_METRICS_MAX_BYTES", "1000", /FLEETDECK_METRICS_MAX_BYTES="1000": expected .* at least 1 MiB/],
  ])("rejects %s=%s with one line naming it", (name, value, message) => {
    const run = () => parseEnv({ [name]: value });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as Error).message.split("\n")).toHaveLength(1);
    }
  });

  it("reads the metrics settings, sizes with units included", () => {
    expect(parseEnv({}).FLEETDECK_METRICS_INTERVAL_MS).toBe(5000);
    const e = parseEnv({
      FLEETDECK_METRICS_INTERVAL_MS: "2000",
      FLEETDECK_METRICS_RETENTION_MS: "3600000",
      FLEETDECK_METRICS_MAX_BYTES: "512MiB",
    });
    expect(e.FLEETDECK_METRICS_INTERVAL_MS).toBe(2000);
    expect(e.FLEETDECK_METRICS_RETENTION_MS).toBe(3_600_000);
    expect(e.FLEETDECK_METRICS_MAX_BYTES).toBe(512 * 1024 * 1024);
    expect(parseEnv({ FLEETDECK_METRICS_MAX_BYTES: "268435456" }).FLEETDECK_METRICS_MAX_BYTES).toBe(268_435_456);
  });

  it("never prints the secret's value", () => {
    expect(() => parseEnv({ FLEETDECK_SECRET: "short-secret" })).toThrow(
      /FLEETDECK_SECRET=\(hidden\): expected at least 32 characters/,
    );
  });
});
