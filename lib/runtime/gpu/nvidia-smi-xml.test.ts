import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NvidiaSmiParseError, parseNvidiaSmiXml } from "./nvidia-smi-xml";

const FIXTURES = path.join(__dirname, "fixtures");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const MiB = 2 ** 20;

describe("nvidia-smi -q -x parser on real outputs", () => {
  it("reads an H200 running a process: memory, the process, load, driver and CUDA", () => {
    const report = parseNvidiaSmiXml(fixture("h200-nvidia-smi-q-busy.xml"));
    expect(report).toMatchObject({ source: "nvidia-smi", driverVersion: "580.159.04", cudaVersion: "13.0" });
    expect(report.gpus).toHaveLength(1);
    const [gpu] = report.gpus;
    expect(gpu).toMatchObject({
      index: 0,
      minorNumber: 0,
      uuid: "GPU-0b6629cf-998f-c0b2-6949-022d78cc4436",
      pciBusId: "00000000:00:06.0",
      productName: "NVIDIA H200",
      catalogGpuId: "h200",
      memory: {
        totalBytes: 143_771 * MiB,
        reservedBytes: 616 * MiB,
        usedBytes: 21_455 * MiB,
        freeBytes: 121_702 * MiB,
      },
      utilizationPercent: 100,
      memoryUtilizationPercent: 25,
      temperatureCelsius: 59,
      powerDrawWatts: 695.1,
      powerLimitWatts: 700,
      migMode: "disabled",
      migDevices: [],
    });
    expect(gpu!.processes).toEqual([
      {
        pid: 432,
        type: "C",
        name: "python3",
        usedMemoryBytes: 21_446 * MiB,
        gpuInstanceId: null,
        computeInstanceId: null,
      },
    ]);
  });

  it("reads the same H200 idle: nothing used, no processes", () => {
    const [gpu] = parseNvidiaSmiXml(fixture("h200-nvidia-smi-q-idle.xml")).gpus;
    expect(gpu).toMatchObject({
      catalogGpuId: "h200",
      memory: { usedBytes: 0, totalBytes: 143_771 * MiB },
      processes: [],
      utilizationPercent: 0,
    });
  });

  it("matches the H100 SXM by its nvidia-smi name", () => {
    const [gpu] = parseNvidiaSmiXml(fixture("h100-nvidia-smi-q.xml")).gpus;
    expect(gpu).toMatchObject({
      productName: "NVIDIA H100 80GB HBM3",
      catalogGpuId: "h100-sxm",
      memory: { totalBytes: 81_559 * MiB },
    });
  });

  it("reads MIG devices with their own memory; the parent reports no utilisation", () => {
    const report = parseNvidiaSmiXml(fixture("a100-sxm4-80gb-mig.xml"));
    expect(report.driverVersion).toBe("535.54.03");
    const [gpu] = report.gpus;
    expect(gpu).toMatchObject({
      productName: "NVIDIA A100-SXM4-80GB",
      catalogGpuId: "a100-sxm-80gb",
      migMode: "enabled",
      utilizationPercent: null,
      memory: { totalBytes: 81_920 * MiB, reservedBytes: 869 * MiB, usedBytes: 50 * MiB },
    });
    expect(gpu!.migDevices.map((device) => device.gpuInstanceId)).toEqual([3, 4, 5, 6]);
    for (const device of gpu!.migDevices) {
      expect(device).toMatchObject({
        computeInstanceId: 0,
        multiprocessorCount: 14,
        memory: { totalBytes: 19_968 * MiB, usedBytes: 12 * MiB },
      });
    }
    const migTotal = gpu!.migDevices.reduce((sum, device) => sum + device.memory.totalBytes, 0);
    expect(migTotal).toBeLessThanOrEqual(gpu!.memory.totalBytes);
  });

  it("reads two GPUs in PCI order, whose minor numbers run the other way, each with its process", () => {
    const { gpus, cudaVersion } = parseNvidiaSmiXml(fixture("dual-rtx-a5000.xml"));
    expect(cudaVersion).toBe("13.1");
    expect(gpus.map((gpu) => [gpu.index, gpu.minorNumber, gpu.pciBusId])).toEqual([
      [0, 1, "00000000:81:00.0"],
      [1, 0, "00000000:C1:00.0"],
    ]);
    expect(new Set(gpus.map((gpu) => gpu.uuid)).size).toBe(2);
    expect(gpus[0]).toMatchObject({
      productName: "NVIDIA RTX A5000",
      catalogGpuId: "rtx-a5000",
      migMode: "unsupported",
      memory: { totalBytes: 24_564 * MiB, usedBytes: 22_437 * MiB, freeBytes: 1_678 * MiB, reservedBytes: 450 * MiB },
    });
    expect(gpus.map((gpu) => gpu.processes.map((p) => [p.pid, p.usedMemoryBytes]))).toEqual([
      [[100477, 22_430 * MiB]],
      [[100477, 17_246 * MiB]],
    ]);
  });

  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith(".xml")))(
    "%s: used + free + reserved is the total (to nvidia-smi's rounding)",
    (name) => {
      for (const gpu of parseNvidiaSmiXml(fixture(name)).gpus) {
        const { totalBytes, usedBytes, freeBytes, reservedBytes } = gpu.memory;
        if (usedBytes === null || freeBytes === null) continue;
        expect(Math.abs(usedBytes + freeBytes + reservedBytes - totalBytes)).toBeLessThanOrEqual(2 * MiB);
      }
    },
  );
});

describe("nvidia-smi parser errors", () => {
  it("says when the text is not XML, or not nvidia-smi's", () => {
    expect(() => parseNvidiaSmiXml("index, uuid, name\n0, GPU-1, NVIDIA H100")).toThrow(NvidiaSmiParseError);
    expect(() => parseNvidiaSmiXml("<gpu><unclosed></gpu>")).toThrow(/not well-formed XML \(line 1/);
    expect(() => parseNvidiaSmiXml('<?xml version="1.0"?><html></html>')).toThrow(/no <nvidia_smi_log> root/);
  });

  it("names the GPU and the field that is missing", () => {
    const noUuid = fixture("h100-nvidia-smi-q.xml").replace(/<uuid>[^<]*<\/uuid>/, "");
    expect(() => parseNvidiaSmiXml(noUuid)).toThrow("gpu 0 (00000000:00:06.0): <uuid> is missing");
    const noTotal = fixture("h100-nvidia-smi-q.xml").replace(/(<fb_memory_usage>\s*)<total>[^<]*<\/total>/, "$1");
    expect(() => parseNvidiaSmiXml(noTotal)).toThrow("gpu 0 (00000000:00:06.0): fb_memory_usage/total is missing");
  });

  it("reads a host without GPUs as an empty list", () => {
    expect(
      parseNvidiaSmiXml(
        "<nvidia_smi_log><driver_version>580.1</driver_version><attached_gpus>0</attached_gpus></nvidia_smi_log>",
      ).gpus,
    ).toEqual([]);
  });
});
