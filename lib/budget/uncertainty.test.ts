import { describe, expect, it } from "vitest";
import { type BandTable, bandFor, classKey, kvUncertainty, quantClass } from "./uncertainty";

const table: BandTable = {
  generatedFrom: "test",
  classes: {
    "v1-0.11 × TP 1 × 16-bit": { relative: 0.02, cases: 3 },
    "v1-0.11 × TP 1": { relative: 0.03, cases: 4 },
    "v1-0.11": { relative: 0.05, cases: 6 },
    "v1-0.10 × TP>1 × 4-bit": { relative: 0.2, cases: 0 },
  },
  fallback: { vllm: { relative: 0.08, cases: 12 }, tgi: { relative: 0.15, cases: 5 } },
};

describe("uncertainty bands", () => {
  it("sorts weight formats into 16-bit, 8-bit and 4-bit", () => {
    expect(quantClass("16-bit")).toBe("16-bit");
    expect(quantClass("GPTQ int4 g128")).toBe("4-bit");
    expect(quantClass("bitsandbytes nf4")).toBe("4-bit");
    expect(quantClass("MXFP4")).toBe("4-bit");
    expect(quantClass("fp8 block 128×128")).toBe("8-bit");
    expect(quantClass("w8a8 (compressed-tensors)")).toBe("8-bit");
    expect(classKey("v1-0.11", 4, "fp8")).toBe("v1-0.11 × TP>1 × 8-bit");
  });

  it("takes the finest class with held-out cases, then coarser ones, then the engine's", () => {
    expect(bandFor({ profile: "v1-0.11", tp: 1, weightFormat: "16-bit" }, table).relative).toBe(0.02);
    expect(bandFor({ profile: "v1-0.11", tp: 1, weightFormat: "MXFP4" }, table).relative).toBe(0.03);
    expect(bandFor({ profile: "v1-0.11", tp: 2, weightFormat: "16-bit" }, table).relative).toBe(0.05);
    const none = bandFor({ profile: "v1-0.10", tp: 2, weightFormat: "GPTQ int4" }, table);
    expect(none.relative).toBe(0.08);
    expect(none.basis).toContain("every held-out vLLM case (12)");
    expect(bandFor({ profile: "tgi-3.3", tp: 1, weightFormat: "16-bit" }, table).relative).toBe(0.15);
  });

  it("calls a fit tight when the band's low end cannot hold one request", () => {
    const input = { profile: "v1-0.11", tp: 1, weightFormat: "16-bit", neededTokens: 32_768 };
    const u = kvUncertainty(input, 100_000, true, 32_768);
    expect(u.kvCacheTokensLow).toBeLessThan(100_000);
    expect(u.kvCacheTokensHigh).toBeGreaterThan(100_000);
    expect(u.verdict).toBe("fits");
    expect(kvUncertainty({ ...input, neededTokens: 99_500 }, 100_000, true, 99_500).verdict).toBe("tight");
    expect(kvUncertainty(input, 10_000, false, 32_768).verdict).toBe("does not fit");
  });
});
