import { describe, expect, it } from "vitest";
import { H100_80GB, RTX_4090D } from "./testing/gpu-fixtures";
import { QWEN25_7B } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { vllmCudaGraphBytes } from "./overheads";
import { budgetVllm } from "./vllm";
import { KIB } from "../vocabulary/units";

const capture = { piecewiseSizes: 51, fullSizes: 35, largestBatch: 512 };

describe("CUDA graph memory", () => {
  it("counts NCCL's captured all-reduces, two per layer and one for the embedding in every graph, only where NCCL runs them", () => {
    const custom = vllmCudaGraphBytes(QWEN25_7B, 4, capture, false);
    const nccl = vllmCudaGraphBytes(QWEN25_7B, 4, capture, true);
    const calls = (51 + 35) * (2 * QWEN25_7B.numLayers + 1);
    expect(custom.ncclCalls).toBe(0);
    expect(nccl.ncclCalls).toBe(calls);
    expect(nccl.ncclBytes).toBe(calls * 160 * KIB);
    expect(nccl.bytes - custom.bytes).toBe(nccl.ncclBytes);
    expect(vllmCudaGraphBytes(QWEN25_7B, 1, capture, true).ncclCalls).toBe(0);
  });

  it("grows with the graphs captured: no graphs, no NCCL term", () => {
    const none = vllmCudaGraphBytes(QWEN25_7B, 4, { piecewiseSizes: 0, fullSizes: 0, largestBatch: 0 }, true);
    expect(none).toEqual({ bytes: 0, ncclBytes: 0, ncclCalls: 0 });
  });

  it("books the NCCL part on PCIe cards without peer access and with --disable-custom-all-reduce, and says so", () => {
    const graphs = (gpu: typeof H100_80GB, disableCustomAllReduce?: boolean) =>
      budgetVllm(
        makeInstance({
          model: QWEN25_7B.id,
          tp: 4,
          engineVersion: "0.19.1",
          vllm: disableCustomAllReduce ? { disableCustomAllReduce } : undefined,
        }),
        QWEN25_7B,
        gpu,
      ).terms.find((t) => t.name === "cudaGraphs")!;
    const nvlink = graphs(H100_80GB);
    const disabled = graphs(H100_80GB, true);
    const pcie = graphs(RTX_4090D);
    expect(nvlink.explanation).not.toContain("NCCL");
    expect(disabled.bytes).toBeGreaterThan(nvlink.bytes + 0.5e9);
    expect(disabled.explanation).toMatch(/of it NCCL's [\d,]+ captured all-reduces \(custom all-reduce is off\)/);
    expect(pcie.explanation).toContain("captured all-reduces");
  });
});
