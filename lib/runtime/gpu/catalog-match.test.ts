import { describe, expect, it } from "vitest";
import { listGpus } from "@/lib/catalog";
import { matchCatalogGpu } from "./catalog-match";

const MiB = 2 ** 20;
const idOf = (name: string, memoryMiB: number | null = null) =>
  matchCatalogGpu(name, memoryMiB === null ? null : memoryMiB * MiB)?.id;

describe("matching discovered GPUs to the catalog", () => {
  it("matches every catalog GPU by the name nvidia-smi prints and its memory", () => {
    for (const gpu of listGpus()) {
      if (gpu.smiName) expect(matchCatalogGpu(gpu.smiName, gpu.memoryBytes)?.id).toBe(gpu.id);
    }
  });

  it("matches on whole words only", () => {
    expect(idOf("NVIDIA H200")).toBe("h200");
    expect(idOf("NVIDIA H200X")).toBeUndefined();
    expect(idOf("NVIDIA A10G")).toBe("a10g");
    expect(idOf("NVIDIA A10")).toBe("a10");
    expect(idOf("NVIDIA L4")).toBe("l4");
    expect(idOf("NVIDIA L40S")).toBe("l40s");
    expect(idOf("NVIDIA L40")).toBe("l40");
    expect(idOf("NVIDIA L40X")).toBeUndefined();
    expect(idOf("NVIDIA GeForce RTX 4090 D", 24_564)).toBe("rtx-4090d");
    expect(idOf("NVIDIA GeForce RTX 4090", 24_564)).toBe("rtx-4090");
  });

  it("prefers the longest name: the 80 GB A100 SXM over other A100s", () => {
    expect(idOf("NVIDIA A100-SXM4-80GB", 81_920)).toBe("a100-sxm-80gb");
    expect(idOf("NVIDIA A100-PCIE-40GB", 40_960)).toBe("a100-pcie-40gb");
  });

  it("refuses a name match whose memory disagrees (H100 NVL is 94 GB, not the 80 GB H100)", () => {
    expect(idOf("NVIDIA H100 NVL", 95_830)).toBeUndefined();
    expect(idOf("NVIDIA H100 80GB HBM3", 81_559)).toBe("h100-sxm");
  });

  it("gives nothing for cards the catalog lacks", () => {
    expect(idOf("NVIDIA RTX A2000", 12_282)).toBeUndefined();
    expect(idOf("")).toBeUndefined();
  });
});
