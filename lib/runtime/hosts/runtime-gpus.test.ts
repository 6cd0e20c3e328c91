import { describe, expect, it } from "vitest";
import { runtimeGpusOf } from "./runtime-gpus";

const GIB = 2 ** 30;
const discovered = {
  index: 0,
  uuid: "GPU-1",
  name: "NVIDIA H200",
  catalogGpuId: "h200",
  memoryBytes: 140 * GIB,
  memoryUsedBytes: null,
  holders: [],
};

describe("runtimeGpusOf", () => {
  it("prefers discovered GPUs, then simulated, then declared", () => {
    const sim = { gpuId: "rtx-4090d", count: 2 };
    const declared = { gpuId: "custom", count: 1, memoryBytes: 48 * GIB };
    expect(runtimeGpusOf({ gpus: [discovered], simulatedGpus: sim, declaredGpus: declared })).toEqual({
      source: "discovered",
      gpus: [{ index: 0, uuid: "GPU-1", gpuId: "h200", memoryBytes: 140 * GIB }],
    });
    expect(runtimeGpusOf({ gpus: [], simulatedGpus: sim, declaredGpus: declared })).toEqual({
      source: "simulated",
      gpus: [0, 1].map((index) => ({ index, gpuId: "rtx-4090d", memoryBytes: 24_564 * 2 ** 20 })),
    });
    expect(runtimeGpusOf({ gpus: [], simulatedGpus: null, declaredGpus: declared })).toEqual({
      source: "declared",
      gpus: [{ index: 0, gpuId: "custom", memoryBytes: 48 * GIB }],
    });
    expect(runtimeGpusOf({ gpus: [], simulatedGpus: null, declaredGpus: null })).toEqual({ source: "none", gpus: [] });
  });

  it("an unmatched discovered card budgets as custom with its own memory", () => {
    const unknown = { ...discovered, catalogGpuId: null, memoryBytes: 94 * GIB };
    expect(runtimeGpusOf({ gpus: [unknown], simulatedGpus: null, declaredGpus: null }).gpus).toEqual([
      { index: 0, uuid: "GPU-1", gpuId: "custom", memoryBytes: 94 * GIB },
    ]);
  });
});
