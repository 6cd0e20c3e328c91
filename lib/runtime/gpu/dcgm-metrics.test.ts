import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDcgmMetrics } from "./dcgm-metrics";

const MiB = 2 ** 20;

describe("dcgm-exporter metrics → GPUs", () => {
  it("reads a real L4 scrape: name, UUID, framebuffer used/free/reserved, driver", () => {
    const report = parseDcgmMetrics(readFileSync(path.join(__dirname, "fixtures/dcgm-exporter-l4.txt"), "utf8"));
    expect(report).toMatchObject({ source: "dcgm-exporter", driverVersion: "580.105.08", cudaVersion: null });
    expect(report.gpus).toHaveLength(1);
    expect(report.gpus[0]).toMatchObject({
      index: 0,
      minorNumber: 0,
      uuid: "GPU-c2f76b33-7953-256e-8f33-1343419b1a1c",
      pciBusId: "00000000:31:00.0",
      productName: "NVIDIA L4",
      catalogGpuId: "l4",
      // The L4's 23,034 MiB: 22,563 free + 0 used + 470 reserved (one MiB lost to rounding).
      memory: { usedBytes: 0, freeBytes: 22_563 * MiB, reservedBytes: 470 * MiB, totalBytes: 23_033 * MiB },
      temperatureCelsius: 31,
      powerDrawWatts: 16.365,
      utilizationPercent: 0,
      migMode: "disabled",
    });
  });

  it("orders GPUs by index, takes FB_TOTAL when exported, and puts MIG series under their GPU", () => {
    const text = [
      'DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3"} 1024',
      'DCGM_FI_DEV_FB_FREE{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3"} 80000',
      'DCGM_FI_DEV_FB_TOTAL{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3"} 81559',
      'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB"} 0',
      'DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB"} 81050',
      'DCGM_FI_DEV_FB_RESERVED{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB"} 870',
      'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",GPU_I_ID="3",GPU_I_PROFILE="1g.10gb",modelName="NVIDIA A100-SXM4-80GB"} 12',
      'DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-a",GPU_I_ID="3",GPU_I_PROFILE="1g.10gb",modelName="NVIDIA A100-SXM4-80GB"} 9843',
      "# a comment, and a metric that is not DCGM's",
      "process_cpu_seconds_total 12.5",
    ].join("\n");
    const { gpus } = parseDcgmMetrics(text);
    expect(gpus.map((gpu) => [gpu.index, gpu.uuid, gpu.catalogGpuId])).toEqual([
      [0, "GPU-a", "a100-sxm-80gb"],
      [1, "GPU-b", "h100-sxm"],
    ]);
    expect(gpus[1]!.memory.totalBytes).toBe(81_559 * MiB);
    expect(gpus[0]!.migMode).toBe("enabled");
    expect(gpus[0]!.migDevices).toEqual([
      {
        index: 0,
        gpuInstanceId: 3,
        computeInstanceId: 0,
        multiprocessorCount: null,
        memory: { usedBytes: 12 * MiB, freeBytes: 9_843 * MiB, reservedBytes: 0, totalBytes: 9_855 * MiB },
      },
    ]);
  });

  it("gives no GPUs for text without DCGM samples", () => {
    expect(parseDcgmMetrics("up 1\n").gpus).toEqual([]);
  });
});
