import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gpuHolders, type InstanceContainer } from "./gpu-holders";
import { parseNvidiaSmiXml } from "./nvidia-smi-xml";

/** What holds GPU memory, on the real nvidia-smi output of two RTX A5000s with llama-server on both. */
const report = parseNvidiaSmiXml(readFileSync(path.join(import.meta.dirname, "fixtures/dual-rtx-a5000.xml"), "utf8"));
const [gpu0, gpu1] = report.gpus;
const pidOn = (gpu: typeof gpu0) => gpu!.processes[0]!.pid;

describe("gpuHolders", () => {
  it("traces a process to the fleetdeck instance whose container runs it, and leaves others foreign", () => {
    // One llama-server process holds memory on both cards.
    expect(pidOn(gpu1)).toBe(pidOn(gpu0));
    const ours: InstanceContainer = { name: "fd-qwen-a", instanceKey: "qwen-a", pids: [pidOn(gpu0)], gpuRefs: [] };
    for (const gpu of [gpu0!, gpu1!])
      expect(gpuHolders(gpu, [ours])).toEqual([
        {
          pid: pidOn(gpu),
          name: gpu.processes[0]!.name,
          usedMemoryBytes: gpu.processes[0]!.usedMemoryBytes,
          instanceKey: "qwen-a",
          containerName: "fd-qwen-a",
        },
      ]);
    const other: InstanceContainer = { name: "fd-other", instanceKey: "other", pids: [1, 2, 3], gpuRefs: [] };
    expect(gpuHolders(gpu0!, [other])).toEqual([
      { pid: pidOn(gpu0), name: gpu0!.processes[0]!.name, usedMemoryBytes: gpu0!.processes[0]!.usedMemoryBytes },
    ]);
    expect(gpu0!.processes[0]!.usedMemoryBytes).toBeGreaterThan(0);
  });

  it("lists an instance given the GPU (by index, UUID or all) that shows no process there", () => {
    const byIndex: InstanceContainer = { name: "fd-b", instanceKey: "b", pids: [], gpuRefs: ["1"] };
    const byUuid: InstanceContainer = { name: "fd-c", instanceKey: "c", pids: [], gpuRefs: [gpu0!.uuid] };
    const all: InstanceContainer = { name: "fd-d", instanceKey: "d", pids: [], gpuRefs: ["all"] };
    expect(gpuHolders(gpu0!, [byIndex, byUuid, all]).map((h) => h.instanceKey ?? "foreign")).toEqual([
      "foreign",
      "c",
      "d",
    ]);
    expect(gpuHolders(gpu1!, [byIndex, byUuid]).map((h) => h.instanceKey ?? "foreign")).toEqual(["foreign", "b"]);
  });
});
