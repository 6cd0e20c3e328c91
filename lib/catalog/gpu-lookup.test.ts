import { describe, expect, it } from "vitest";
import { findGpu, listGpus, suggestGpus } from "./gpu-lookup";
import { customGpu, mibToBytes } from "./gpus";

describe("GPU catalog", () => {
  it("stores nvidia-smi totals", () => {
    const mib = (id: string) => listGpus().find((g) => g.id === id)!.memoryBytes / 2 ** 20;
    expect(mib("h100-sxm")).toBe(81_559); // shared/calibration/h100-nvidia-smi.txt
    expect(mib("h200")).toBe(143_771);
    expect(mib("a100-sxm-80gb")).toBe(81_920);
    expect(mib("a100-pcie-40gb")).toBe(40_960);
    expect(mib("l40s")).toBe(46_068);
    expect(mib("l4")).toBe(23_034);
    expect(mib("a10g")).toBe(23_028);
    expect(mib("t4")).toBe(15_360);
    expect(mib("rtx-4090")).toBe(24_564);
    expect(mib("rtx-3090")).toBe(24_576);
    expect(mib("rtx-4060")).toBe(8_188);
    expect(mib("gtx-1080")).toBe(8_192);
    expect(mib("gtx-1080-ti")).toBe(11_264);
    expect(mib("p40")).toBe(24_576);
    expect(mib("rtx-3090-ti")).toBe(24_564);
    expect(mib("rtx-4060-ti-16gb")).toBe(16_380);
    expect(mib("rtx-5080")).toBe(16_303);
    expect(mib("a40")).toBe(46_068);
    expect(mib("l40")).toBe(46_068);
    expect(mib("h20")).toBe(97_871);
    expect(mib("rtx-6000-ada")).toBe(49_140);
    expect(mib("mi250x")).toBe(65_520);
  });

  it("has unique ids and no lookup key shared by two GPUs", () => {
    const gpus = listGpus();
    expect(new Set(gpus.map((g) => g.id)).size).toBe(gpus.length);
    for (const gpu of gpus) {
      for (const name of [gpu.id, gpu.name, gpu.smiName ?? gpu.name, ...gpu.aliases])
        expect(findGpu(name)?.id, name).toBe(gpu.id);
      expect(gpu.memoryBytes % 2 ** 20).toBe(0);
    }
  });
});

describe("findGpu", () => {
  it.each([
    ["H100", "h100-sxm"],
    ["H100 80GB", "h100-sxm"],
    ["NVIDIA H100 80GB HBM3", "h100-sxm"],
    ["h100-sxm", "h100-sxm"],
    ["H100 PCIe", "h100-pcie"],
    ["RTX 3090", "rtx-3090"],
    ["3090", "rtx-3090"],
    ["NVIDIA GeForce RTX 3090", "rtx-3090"],
    ["L40S", "l40s"],
    ["NVIDIA L4", "l4"],
    ["4090D", "rtx-4090d"],
    ["NVIDIA GeForce RTX 4090 D", "rtx-4090d"],
    ["rtx4090", "rtx-4090"],
    ["Tesla T4", "t4"],
    ["NVIDIA A10G", "a10g"],
    ["NVIDIA A10", "a10"],
    ["NVIDIA A100-SXM4-80GB", "a100-sxm-80gb"],
    ["NVIDIA A100 80GB PCIe", "a100-pcie-80gb"],
    ["A100-PCIE-40GB", "a100-pcie-40gb"],
    ["Tesla V100-SXM2-32GB", "v100-sxm2-32gb"],
    ["NVIDIA H100 80GB HBM3 (700W)", "h100-sxm"],
    ["h200", "h200"],
    ["NVIDIA GeForce RTX 4080 Laptop GPU", "rtx-4080-laptop"],
    ["RTX 4080", "rtx-4080"],
    ["GTX 1080", "gtx-1080"],
    ["1080", "gtx-1080"],
    ["gtx1080", "gtx-1080"],
    ["NVIDIA GeForce GTX 1080", "gtx-1080"],
    ["GTX 1080 Ti", "gtx-1080-ti"],
    ["1080ti", "gtx-1080-ti"],
    ["NVIDIA GeForce GTX 1080 Ti", "gtx-1080-ti"],
    ["Tesla P100-PCIE-16GB", "p100-pcie-16gb"],
    ["P100", "p100-pcie-16gb"],
    ["Tesla P40", "p40"],
    ["P40", "p40"],
    ["NVIDIA GeForce RTX 2080 Ti", "rtx-2080-ti"],
    ["NVIDIA TITAN RTX", "titan-rtx"],
    ["Titan RTX", "titan-rtx"],
    ["RTX 3060", "rtx-3060"],
    ["NVIDIA GeForce RTX 3080", "rtx-3080"],
    ["3090 Ti", "rtx-3090-ti"],
    ["NVIDIA GeForce RTX 3090 Ti", "rtx-3090-ti"],
    ["rtx3090ti", "rtx-3090-ti"],
    ["4060 Ti", "rtx-4060-ti-16gb"],
    ["RTX 4070", "rtx-4070"],
    ["4070", "rtx-4070"],
    ["RTX 4070 Ti Super", "rtx-4070-ti-super"],
    ["NVIDIA GeForce RTX 4070 Ti SUPER", "rtx-4070-ti-super"],
    ["5080", "rtx-5080"],
    ["A4000", "rtx-a4000"],
    ["NVIDIA RTX A4000", "rtx-a4000"],
    ["NVIDIA RTX A5000", "rtx-a5000"],
    ["RTX 6000 Ada", "rtx-6000-ada"],
    ["NVIDIA RTX 6000 Ada Generation", "rtx-6000-ada"],
    ["RTX PRO 6000", "rtx-pro-6000-blackwell"],
    ["A40", "a40"],
    ["NVIDIA A40", "a40"],
    ["NVIDIA A30", "a30"],
    ["L40", "l40"],
    ["NVIDIA L40", "l40"],
    ["NVIDIA L40S", "l40s"],
    ["NVIDIA L20", "l20"],
    ["H20", "h20"],
    ["NVIDIA H20", "h20"],
    ["NVIDIA A800-SXM4-80GB", "a800-sxm-80gb"],
    ["A800", "a800-sxm-80gb"],
    ["MI250X", "mi250x"],
    ["AMD Instinct MI250X", "mi250x"],
    ["MI325X", "mi325x"],
  ])("%s → %s", (name, id) => {
    expect(findGpu(name)?.id).toBe(id);
  });

  it.each(["A100", "V100", "RTX 6000", "MI210", "", "gpu", "RTX 4090 Laptop GPU", "RTX 3080 Max-Q", "GTX 1080 Max-Q"])(
    "%s is unknown or ambiguous",
    (name) => {
      expect(findGpu(name)).toBeUndefined();
    },
  );

  it("suggests close names for messages", () => {
    expect(suggestGpus("A100")).toEqual(expect.arrayContaining(["A100 SXM 80GB", "A100 PCIe 40GB"]));
    expect(suggestGpus("H10")[0]).toMatch(/^H100/);
    expect(suggestGpus("rtx 409", 2)).toEqual(["RTX 4090 24GB", "RTX 4090D 24GB"]);
  });
});

describe("customGpu", () => {
  it("wraps a memory size", () => {
    const gpu = customGpu(mibToBytes(97_871), { name: "NVIDIA H20" });
    expect(gpu).toMatchObject({
      id: "custom",
      name: "NVIDIA H20",
      memoryBytes: 97_871 * 2 ** 20,
      interconnect: "pcie",
    });
    expect(customGpu(1024).name).toMatch(/Custom GPU/);
  });

  it("rejects a size that is not whole positive bytes", () => {
    expect(() => customGpu(0)).toThrow(/positive whole number of bytes/);
    expect(() => customGpu(1.5)).toThrow(RangeError);
  });
});

describe("findGpu with partial names", () => {
  it("resolves a unique subset of a GPU's words", () => {
    expect(findGpu("a100 pcie 80")).toBeUndefined(); // "80" is not a word of its names
    expect(findGpu("V100 PCIe")?.id).toBe("v100-pcie-32gb");
    expect(findGpu("A100 SXM4")).toBeUndefined(); // 40GB or 80GB
  });
});

describe("GPU names match on word boundaries", () => {
  it.each(["H200X", "NVIDIA H200X 141GB", "L40X", "A10X", "A400", "H1000", "RTX 40900", "RTX 30900"])(
    "%s is not a catalog GPU",
    (name) => {
      expect(findGpu(name)).toBeUndefined();
    },
  );

  it("still reads the names drivers print around a catalog name", () => {
    expect(findGpu("NVIDIA H200 NVL")?.id).toBe("h200");
    expect(findGpu("NVIDIA RTX A6000")?.id).toBe("rtx-a6000");
    expect(findGpu("AMD Instinct MI300X")?.id).toBe("mi300x");
  });
});
