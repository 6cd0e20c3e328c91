import { describe, expect, it } from "vitest";
import { instanceSchema } from "../vocabulary/layout-schema";
import { ENGINE_KNOBS, switchEnginePatch } from "./engine-knobs";

const keys = (engine: "vllm" | "tgi") => ENGINE_KNOBS[engine].map((k) => k.key);
const vllm = instanceSchema.parse({ id: "v", engine: "vllm", model: "m", maxModelLen: 32768 });
const tgi = instanceSchema.parse({ id: "t", engine: "tgi", model: "m", tgi: { maxInputTokens: 4000 } });

describe("each engine's own knobs", () => {
  it("TGI shows its token limits and memory fraction, not vLLM's max_num_seqs or max_model_len", () => {
    expect(keys("tgi")).toEqual(
      expect.arrayContaining([
        "tgi.maxInputTokens",
        "tgi.maxTotalTokens",
        "tgi.maxBatchPrefillTokens",
        "tgi.maxBatchTotalTokens",
        "tgi.cudaMemoryFraction",
      ]),
    );
    expect(keys("tgi")).not.toContain("maxNumSeqs");
    expect(keys("tgi")).not.toContain("maxModelLen");
    expect(keys("tgi")).not.toContain("gpuMemoryUtilization");
  });

  it("vLLM shows its own, none of TGI's", () => {
    expect(keys("vllm")).toEqual(
      expect.arrayContaining(["maxModelLen", "gpuMemoryUtilization", "maxNumSeqs", "maxNumBatchedTokens"]),
    );
    expect(keys("vllm").some((k) => k.startsWith("tgi."))).toBe(false);
  });

  it("a TGI knob's patch keeps the other TGI settings", () => {
    const knob = ENGINE_KNOBS.tgi.find((k) => k.key === "tgi.maxTotalTokens")!;
    if (knob.kind !== "number") throw new Error("number knob");
    expect(knob.patch(tgi, 8192)).toEqual({
      tgi: { cudaMemoryFraction: 1, maxInputTokens: 4000, maxTotalTokens: 8192 },
    });
    expect(knob.read({ ...tgi, ...knob.patch(tgi, 8192) })).toBe(8192);
  });

  it("every knob reads back what its patch writes", () => {
    for (const engine of ["vllm", "tgi"] as const)
      for (const knob of ENGINE_KNOBS[engine]) {
        const base = engine === "vllm" ? vllm : tgi;
        if (knob.kind === "number") {
          const value = knob.integer ? 1234 : 0.5;
          expect(knob.read({ ...base, ...knob.patch(base, value) }), knob.key).toBe(value);
        } else {
          const value = knob.options.at(-1)!.value;
          expect(knob.read({ ...base, ...knob.patch(base, value) }), knob.key).toBe(value);
        }
      }
  });

  it("the memory share's hint names the default that keeps the card under the ceiling", () => {
    const knob = ENGINE_KNOBS.vllm.find((k) => k.key === "gpuMemoryUtilization")!;
    expect(knob.hint?.({ ...vllm, gpuMemoryUtilization: 0.87 }, { ceilingShare: 0.87, ceiling: 0.9 })).toContain(
      "Default here: 0.87, the most that keeps this card under the 90 % VRAM ceiling",
    );
    expect(knob.hint?.(vllm, { ceilingShare: 0.87, ceiling: 0.9 })).toContain("0.9 goes over it.");
  });
});

describe("switching engines", () => {
  it("carries the context length and the memory share over", () => {
    expect(switchEnginePatch(vllm, "tgi", 0.9)).toEqual({
      engine: "tgi",
      tgi: { cudaMemoryFraction: 0.9, maxTotalTokens: 32768 },
    });
    const back = { ...tgi, tgi: { cudaMemoryFraction: 0.9, maxTotalTokens: 8192 } };
    expect(switchEnginePatch(back, "vllm", 0.87)).toEqual({
      engine: "vllm",
      gpuMemoryUtilization: 0.87,
      maxModelLen: 8192,
    });
    expect(switchEnginePatch(vllm, "vllm")).toEqual({});
  });
});
