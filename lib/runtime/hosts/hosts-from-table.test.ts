import { describe, expect, it } from "vitest";
import { hostsFromTable } from "./hosts-from-table";

const record = (name: string, endpoint: string, labels: Record<string, string> = {}) => ({
  id: `id-${name}`,
  name,
  endpoint,
  labels: JSON.stringify(labels),
  gpus: [{ index: 0, uuid: "GPU-1", name: "NVIDIA H100 80GB HBM3", memoryBytes: 80 * 2 ** 30 }],
});

describe("hostsFromTable (until the hosts feature's loader is wired)", () => {
  it("reads unix and loopback tcp endpoints, local-sim, and simulated GPUs from the fleetdeck.sim label", () => {
    const { hosts, skipped } = hostsFromTable([
      record("a", "unix:///run/docker.sock", { team: "a", "fleetdeck.sim": "rtx-4090d:4" }),
      record("b", "tcp://127.0.0.1:2375"),
      record("local", "local-sim"),
    ]);
    expect(skipped).toEqual([]);
    expect(hosts[0]).toMatchObject({
      kind: "docker",
      labels: { team: "a" },
      simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
      endpoint: { kind: "unix", socketPath: "/run/docker.sock" },
    });
    expect(hosts[1]).toMatchObject({ kind: "docker", gpus: [{ index: 0, uuid: "GPU-1", gpuId: "h100-sxm" }] });
    expect(hosts[1]!.simulatedGpus).toBeUndefined();
    expect(hosts[2]).toMatchObject({ kind: "local-sim", simulatedGpus: { gpuId: "rtx-4090d", count: 4 } });
  });
  it("leaves out, with the reason, a host it cannot reach without stored credentials", () => {
    const { hosts, skipped } = hostsFromTable([record("far", "tcp://10.0.0.5:2375")]);
    expect(hosts).toEqual([]);
    expect(skipped[0]).toMatchObject({ name: "far", why: expect.stringContaining("without TLS") });
  });
});
