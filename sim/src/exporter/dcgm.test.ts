import { describe, expect, it } from "vitest";
import { buildHost, lookupGpu } from "../gpu/host";
import { gpuStatus } from "../gpu/live";
import type { EngineEntry } from "../state/state-dir";
import { renderDcgm } from "./dcgm";

const host = buildHost(
  "box-1",
  [lookupGpu("RTX 4090D", "GPU"), lookupGpu("RTX 4090D", "GPU"), lookupGpu("H100 80GB", "GPU")],
  false,
);
const engine = (gpuIndex: number, gib: number, utilization: number): EngineEntry => ({
  version: 1,
  id: `e${gpuIndex}`,
  engine: "vllm",
  pid: 7,
  containerId: "abc",
  host: "box-1",
  model: "m",
  processName: "python3",
  updatedAtMs: 0,
  gpus: [{ uuid: host.gpus[gpuIndex]!.uuid, index: gpuIndex, memoryUsedBytes: gib * 2 ** 30, utilization }],
});

describe("dcgm-exporter's exposition fed by the engines of the host", () => {
  const entries = [engine(1, 22.25, 0.5)];
  const text = renderDcgm(
    host.gpus.map((gpu) => ({ gpu, status: gpuStatus(gpu, entries), energyMj: 1000 })),
    "box-1",
    "580.159.04",
  );
  const line = (name: string, gpu: number) => text.split("\n").find((l) => l.startsWith(`${name}{gpu="${gpu}",`))!;
  const value = (name: string, gpu: number) => Number(line(name, gpu).split(" ").pop());

  it("labels every series like the real exporter", () => {
    expect(line("DCGM_FI_DEV_FB_USED", 1)).toBe(
      `DCGM_FI_DEV_FB_USED{gpu="1",UUID="${host.gpus[1]!.uuid}",pci_bus_id="00000000:28:00.0",device="nvidia1",modelName="NVIDIA GeForce RTX 4090 D",Hostname="box-1",DCGM_FI_DRIVER_VERSION="580.159.04"} ${Math.ceil(22.25 * 1024) + 9}`,
    );
    expect(text).toContain("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge");
  });

  it("shows the engine's memory and load on its GPU only", () => {
    expect(value("DCGM_FI_DEV_FB_USED", 0)).toBe(0);
    expect(value("DCGM_FI_DEV_GPU_UTIL", 1)).toBe(50);
    expect(
      value("DCGM_FI_DEV_FB_FREE", 1) + value("DCGM_FI_DEV_FB_USED", 1) + value("DCGM_FI_DEV_FB_RESERVED", 1),
    ).toBe(24_564);
    expect(value("DCGM_FI_DEV_POWER_USAGE", 1)).toBeGreaterThan(value("DCGM_FI_DEV_POWER_USAGE", 0));
    expect(value("DCGM_FI_DEV_GPU_TEMP", 1)).toBeGreaterThan(value("DCGM_FI_DEV_GPU_TEMP", 0));
  });

  it("has profiling (DCP) series only for data-centre GPUs", () => {
    expect(line("DCGM_FI_PROF_GR_ENGINE_ACTIVE", 2)).toBeDefined();
    expect(line("DCGM_FI_PROF_GR_ENGINE_ACTIVE", 0)).toBeUndefined();
  });
});
