import { describe, expect, it } from "vitest";
import { layoutSchema } from "../vocabulary/layout-schema";
import { boundHostPatch, hostFromRegistered, matchesRegistered, type RegisteredHostSummary } from "./bound-host";

const GIB = 2 ** 30;
const real: RegisteredHostSummary = {
  id: "4d3c2b1a-0000-4000-8000-000000000001",
  name: "gpu-node-1",
  kind: "docker",
  simulatedGpus: null,
  status: "reachable",
  since: null,
  error: null,
  gpus: [
    { index: 0, gpuId: "h200", memoryBytes: 140 * GIB },
    { index: 1, gpuId: "custom", memoryBytes: 94 * GIB },
  ],
  ramBytes: 512 * GIB,
  cpuCores: 64,
  labels: { team: "a" },
  wsl2: false,
};

describe("binding a planned host to a registered one", () => {
  it("takes the real GPUs (custom ones with their memory), RAM, cores and labels", () => {
    expect(boundHostPatch(real)).toEqual({
      boundHostId: real.id,
      gpus: [
        { index: 0, gpuId: "h200" },
        { index: 1, gpuId: "custom", memoryBytes: 94 * GIB },
      ],
      ramBytes: 512 * GIB,
      cpuCores: 64,
      labels: { team: "a" },
    });
  });

  it("makes a valid planned host with a free id", () => {
    const host = hostFromRegistered(real, new Set(["gpu-node-1"]));
    expect(host.id).toBe("gpu-node-2");
    expect(layoutSchema.parse({ name: "x", hosts: [host], instances: [] }).hosts[0]).toMatchObject({
      boundHostId: real.id,
      name: "gpu-node-1",
    });
    expect(matchesRegistered(host, real)).toBe(true);
    expect(matchesRegistered({ ...host, gpus: host.gpus.slice(0, 1) }, real)).toBe(false);
  });

  it("carries a WSL2 daemon onto the plan, so its budgets add WSL2's CUDA overhead, and takes it off again", () => {
    const wsl = { ...real, wsl2: true };
    expect(hostFromRegistered(wsl, new Set()).wsl2).toBe(true);
    expect(boundHostPatch(wsl).wsl2).toBe(true);
    expect(hostFromRegistered(real, new Set())).not.toHaveProperty("wsl2");
    expect(boundHostPatch(real).wsl2).toBeUndefined();
  });

  it("keeps a host without known CPUs valid (at least one core)", () => {
    expect(hostFromRegistered({ ...real, cpuCores: 0, ramBytes: 0 }, new Set()).cpuCores).toBe(1);
    expect(boundHostPatch({ ...real, cpuCores: 0, ramBytes: 0 })).not.toHaveProperty("cpuCores");
  });
});
