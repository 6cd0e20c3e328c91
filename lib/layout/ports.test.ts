import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance, Layout } from "../vocabulary/layout-schema";
import { FIRST_HOST_PORT, freePortOnHost, hostPortOf, lowestFreePort, portsOnHost } from "./ports";

const instance = (id: string, hostId: string | null, over: Partial<Instance> = {}): Instance => ({
  id,
  engine: "vllm",
  model: "m",
  dtype: "auto",
  kvCacheDtype: "auto",
  tp: 1,
  gpuMemoryUtilization: 0.9,
  enforceEager: false,
  placement: hostId ? { hostId, gpuIndices: [0] } : null,
  limits: {},
  ...over,
});
const layout = (instances: Instance[]): Layout => ({ schemaVersion: 1, name: "t", hosts: [], instances });

describe("host ports", () => {
  it("an instance without a port publishes its engine's container port, as docker run -p does", () => {
    expect(hostPortOf({ engine: "vllm" })).toBe(8000);
    expect(hostPortOf({ engine: "tgi" })).toBe(80);
    expect(hostPortOf({ engine: "tgi", port: 8081 })).toBe(8081);
  });

  it("the first instance on a host gets 8000, the next ones the lowest port nobody there publishes", () => {
    expect(freePortOnHost(layout([]), "a")).toBe(8000);
    const two = layout([instance("x", "a", { port: 8000 }), instance("y", "a", { port: 8002 })]);
    expect(freePortOnHost(two, "a")).toBe(8001);
    // An instance without a port holds vLLM's default 8000.
    expect(freePortOnHost(layout([instance("x", "a")]), "a")).toBe(8001);
    // Ports on other hosts and unplaced instances do not count; nor does the instance itself.
    expect(freePortOnHost(layout([instance("x", "b"), instance("y", null)]), "a")).toBe(8000);
    expect(freePortOnHost(two, "a", "x")).toBe(8000);
  });

  it("never returns a port the host's other instances publish (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 65535 }),
        (ports, from) => {
          const taken = new Set(ports);
          const free = lowestFreePort(taken, from);
          expect(free).toBeDefined();
          expect(taken.has(free!)).toBe(false);
          // The lowest from `from` up when there is one.
          if (free! >= from) for (let p = from; p < free!; p += 1) expect(taken.has(p)).toBe(true);
        },
      ),
    );
    const full = new Set(Array.from({ length: 65536 - FIRST_HOST_PORT }, (_, k) => FIRST_HOST_PORT + k));
    expect(lowestFreePort(full)).toBeUndefined();
  });

  it("lists what a host's instances publish", () => {
    const l = layout([instance("x", "a", { port: 9000 }), instance("t", "a", { engine: "tgi" }), instance("z", "b")]);
    expect([...portsOnHost(l.instances, "a")].sort()).toEqual([80, 9000]);
  });
});
