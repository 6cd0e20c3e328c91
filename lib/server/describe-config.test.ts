import { describe, expect, it } from "vitest";
import { maskUrlCredentials } from "./describe-config";

describe("maskUrlCredentials", () => {
  it.each([
    ["postgres://fleet:s3cret@db:5432/fleetdeck", "postgres://fleet:***@db:5432/fleetdeck"],
    ["http://user:pw@prometheus:9090/", "http://***:***@prometheus:9090/"],
    ["https://glpat-token@prom.example.com/api", "https://***@prom.example.com/api"],
    ["ssh://deploy@gpu-01", "ssh://deploy@gpu-01"],
    ["tcp://gpu-02:2376", "tcp://gpu-02:2376"],
    ["file:./data/fleetdeck.db", "file:./data/fleetdeck.db"],
    ["not a url", "(not a URL: hidden)"],
  ])("%s → %s", (url, masked) => {
    expect(maskUrlCredentials(url)).toBe(masked);
  });
});
