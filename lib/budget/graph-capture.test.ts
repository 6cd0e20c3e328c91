import { describe, expect, it } from "vitest";
import { graphCapture } from "./graph-capture";
import { findVllmProfile } from "./vllm-profiles";

const rule = (name: string) => findVllmProfile(name)!.cudaGraphs;
const capture = (name: string, maxNumSeqs: number, maxNumBatchedTokens = 8192, decodeTokens = 1, sizes?: number[]) =>
  graphCapture(rule(name), { maxNumSeqs, maxNumBatchedTokens, decodeTokens, explicitSizes: sizes });

describe("CUDA graph capture sizes", () => {
  it("matches what 0.20+ logs for 256 sequences: 'PIECEWISE=51, FULL=35'", () => {
    expect(capture("v1-0.20plus", 256, 2048)).toEqual({ piecewiseSizes: 51, fullSizes: 35, largestBatch: 512 });
  });

  it("captures up to twice max_num_seqs from 0.10 (vllm#20628), times the tokens of a speculative decode step", () => {
    expect(capture("v1-0.11", 128)).toEqual({ piecewiseSizes: 35, fullSizes: 19, largestBatch: 256 });
    expect(capture("v1-0.11", 40, 8192, 4).largestBatch).toBe(320);
    expect(capture("v1-0.10", 128)).toEqual({ piecewiseSizes: 35, fullSizes: 0, largestBatch: 256 });
    expect(capture("v1-0.9", 128)).toEqual({ piecewiseSizes: 67, fullSizes: 0, largestBatch: 512 });
  });

  it("drops sizes above max_num_batched_tokens in V1, and keeps V0's decode sizes up to max_num_seqs (≤ 256)", () => {
    expect(capture("v1-0.11", 1024, 256).largestBatch).toBe(256);
    expect(capture("v0-0.6.5", 256)).toEqual({ piecewiseSizes: 0, fullSizes: 35, largestBatch: 256 });
    expect(capture("v0-0.6.5", 100)).toEqual({ piecewiseSizes: 0, fullSizes: 16, largestBatch: 104 });
  });

  it("takes sizes given on the command line as they are", () => {
    expect(capture("v1-0.11", 256, 8192, 1, [1, 2, 4, 8, 16, 32])).toEqual({
      piecewiseSizes: 6,
      fullSizes: 6,
      largestBatch: 32,
    });
  });
});
