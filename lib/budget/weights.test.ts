import { describe, expect, it } from "vitest";
import {
  LLAMA3_8B,
  LLAMA31_405B_FP8,
  QWEN25_7B,
  QWEN25_7B_AWQ,
  QWEN25_7B_GPTQ_INT4,
  QWEN3_235B_FP8,
} from "./testing/model-fixtures";
import { paramGroups, totalParams } from "./params";
import { resolveWeightFormat, unquantized } from "./quantization";
import { estimateWeights } from "./weights";
import { GIB } from "../vocabulary/units";
import { parseHfConfig } from "../catalog/hf-config";
import { STARCODERBASE_CONFIG } from "../catalog/testing/older-configs";

const bf16 = unquantized(2);
const weightsGiB = (arch: typeof QWEN25_7B, tp: number) =>
  estimateWeights(arch, { tp, vocabPadding: 64, format: resolveWeightFormat(arch, undefined, "auto") })
    .weightsBytesPerGpu / GIB;

describe("parameter count", () => {
  it("counts Qwen2.5-7B exactly, q/k/v biases included", () => {
    expect(totalParams(QWEN25_7B)).toBe(7_615_616_512);
    const embedAndHead = paramGroups(QWEN25_7B).filter((g) => g.kind === "embedding" || g.kind === "lmHead");
    expect(embedAndHead.reduce((s, g) => s + g.params, 0)).toBe(1_089_994_752);
  });

  it("counts Llama-3-8B and Qwen3-235B-A22B (MoE)", () => {
    expect(totalParams(LLAMA3_8B)).toBe(8_030_261_248);
    expect(totalParams(QWEN3_235B_FP8) / 1e9).toBeCloseTo(235.09, 1);
  });
});

describe("weights per GPU", () => {
  it("gives Qwen2.5-7B bf16 its 15,231,233,024 bytes (calibration allocated 15,276,323,328)", () => {
    const w = estimateWeights(QWEN25_7B, { tp: 1, vocabPadding: 64, format: bf16 });
    expect(w.weightsBytesPerGpu).toBe(15_231_233_024);
    expect(Math.abs(w.weightsBytesPerGpu - 15_276_323_328) / 15_276_323_328).toBeLessThan(0.005);
  });

  it("matches vLLM's logged Llama-3-8B weights: 14.96 GiB at TP 1, 7.48 at TP 2", () => {
    expect(weightsGiB(LLAMA3_8B, 1)).toBeCloseTo(14.96, 1);
    expect(weightsGiB(LLAMA3_8B, 2)).toBeCloseTo(7.48, 1);
  });

  it("keeps embeddings and lm_head in 16 bit for GPTQ-Int4: ≈ 5.2 GiB as vLLM logs", () => {
    const w = estimateWeights(QWEN25_7B_GPTQ_INT4, {
      tp: 1,
      vocabPadding: 64,
      format: resolveWeightFormat(QWEN25_7B_GPTQ_INT4, "gptq", "auto"),
    });
    expect(w.plainParamsPerGpu).toBeGreaterThan(1_089_994_752);
    expect(w.plainParamsPerGpu).toBeLessThan(1_089_994_752 + 1_000_000);
    expect(w.weightsBytesPerGpu / GIB).toBeGreaterThan(5.1);
    expect(w.weightsBytesPerGpu / GIB).toBeLessThan(5.35);
    // vLLM: Qwen2.5-7B-Instruct-AWQ "Model loading took 5.29 GiB"
    expect(Math.abs(weightsGiB(QWEN25_7B_AWQ, 1) - 5.29) / 5.29).toBeLessThan(0.03);
  });

  it("shards and pads the vocabulary per rank", () => {
    const tp3 = paramGroups({ ...QWEN25_7B, vocabSize: 151_655 }, { tp: 3, vocabPadding: 64 }).find(
      (g) => g.kind === "embedding",
    )!;
    expect(tp3.params).toBe(Math.ceil(151_680 / 3) * 3584);
  });

  it("replicates K/V projections when TP exceeds the KV heads", () => {
    const kvShare = (tp: number) =>
      paramGroups(QWEN25_7B, { tp, vocabPadding: 64 }).find((g) => g.kind === "attention" && g.quantizable)!.params;
    // 4 KV heads: TP 8 still holds one whole KV head per rank.
    expect(kvShare(8)).toBeGreaterThan(kvShare(4) / 2);
  });

  it("matches fp8 checkpoints: Qwen3-235B-FP8 TP 8 27.72 GiB, Llama-3.1-405B-FP8 TP 8 57.75 GiB", () => {
    expect(Math.abs(weightsGiB(QWEN3_235B_FP8, 8) - 27.72) / 27.72).toBeLessThan(0.03);
    expect(Math.abs(weightsGiB(LLAMA31_405B_FP8, 8) - 57.75) / 57.75).toBeLessThan(0.04);
  });

  it("quantizes in flight: fp8 halves, bitsandbytes nf4 quarters the linear layers", () => {
    const fp8 = estimateWeights(QWEN25_7B, {
      tp: 1,
      vocabPadding: 64,
      format: resolveWeightFormat(QWEN25_7B, "fp8", "auto"),
    });
    const nf4 = estimateWeights(QWEN25_7B, {
      tp: 1,
      vocabPadding: 64,
      format: resolveWeightFormat(QWEN25_7B, "bitsandbytes-nf4", "auto"),
    });
    expect(fp8.weightsBytesPerGpu / GIB).toBeCloseTo(8.1, 1);
    expect(nf4.weightsBytesPerGpu).toBeLessThan(fp8.weightsBytesPerGpu);
  });

  it("budgets GPTQ on an unquantized checkpoint as 16-bit and an unknown value as the checkpoint's format (quant.* say why)", () => {
    expect(resolveWeightFormat(QWEN25_7B, "gptq", "auto")).toEqual(bf16);
    expect(resolveWeightFormat(QWEN25_7B, "gptq_int4", "auto")).toEqual(bf16);
    expect(resolveWeightFormat(QWEN25_7B_GPTQ_INT4, "gptq_int4", "auto").label).toBe("GPTQ int4 g128");
  });
});

describe("two-matrix MLPs", () => {
  it("counts StarCoderBase (GPT-BigCode: c_fc and c_proj, multi-query) at its published 15.5 B, not a gated 21.8 B", () => {
    const parsed = parseHfConfig(STARCODERBASE_CONFIG, "bigcode/starcoderbase");
    if (!("arch" in parsed)) throw new Error(parsed.error);
    expect(totalParams(parsed.arch) / 1e9).toBeCloseTo(15.5, 0);
  });
});
