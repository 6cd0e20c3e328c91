import { describe, expect, it } from "vitest";
import { parseQuantizationConfig } from "./hf-quantization";
import type { QuantizationConfig } from "./types";

function quantOf(raw: Parameters<typeof parseQuantizationConfig>[0]): QuantizationConfig | undefined {
  const result = parseQuantizationConfig(raw);
  if ("error" in result) throw new Error(result.error);
  return result.quantization;
}

describe("parseQuantizationConfig", () => {
  it("reads GPTQ (Qwen2.5-7B-Instruct-GPTQ-Int4) and keeps embeddings/lm_head 16-bit", () => {
    expect(quantOf({ quant_method: "gptq", bits: 4, group_size: 128, desc_act: false, sym: true })).toEqual({
      method: "gptq",
      bits: 4,
      groupSize: 128,
      descAct: false,
      modulesNotConverted: ["embed_tokens", "lm_head"],
    });
    expect(quantOf({ quant_method: "gptq", bits: 8, group_size: 128, lm_head: true })?.modulesNotConverted).toEqual([
      "embed_tokens",
    ]);
  });

  it("reads AWQ, including AutoAWQ's w_bit/q_group_size spelling", () => {
    expect(
      quantOf({
        quant_method: "awq",
        bits: 4,
        group_size: 128,
        modules_to_not_convert: ["gate"],
        version: "gemm",
        zero_point: true,
      }),
    ).toEqual({
      method: "awq",
      bits: 4,
      groupSize: 128,
      modulesNotConverted: ["gate", "embed_tokens", "lm_head"],
    });
    expect(quantOf({ quant_method: "awq", w_bit: 4, q_group_size: 64 })).toMatchObject({ bits: 4, groupSize: 64 });
  });

  it("reads fp8 and fbgemm_fp8", () => {
    expect(quantOf({ quant_method: "fp8", weight_block_size: [128, 128] })).toEqual({
      method: "fp8",
      bits: 8,
      weightBlockSize: [128, 128],
    });
    expect(quantOf({ quant_method: "fbgemm_fp8", modules_to_not_convert: ["lm_head"] })).toEqual({
      method: "fp8",
      bits: 8,
      modulesNotConverted: ["lm_head"],
      sourceMethod: "fbgemm_fp8",
    });
  });

  it("reads compressed-tensors w8a8 and w4a16", () => {
    const w8a8 = {
      quant_method: "compressed-tensors",
      config_groups: {
        group_0: {
          targets: ["Linear"],
          weights: { num_bits: 8, type: "int", strategy: "channel" },
          input_activations: { num_bits: 8 },
        },
      },
      ignore: ["lm_head"],
    };
    expect(quantOf(w8a8)).toEqual({
      method: "compressed-tensors",
      bits: 8,
      modulesNotConverted: ["lm_head"],
      activationBits: 8,
    });
    const w4a16 = {
      quant_method: "compressed-tensors",
      config_groups: {
        group_0: { weights: { num_bits: 4, group_size: 128, strategy: "group" }, input_activations: null },
      },
    };
    expect(quantOf(w4a16)).toEqual({ method: "compressed-tensors", bits: 4, groupSize: 128 });
  });

  it("reads bitsandbytes with or without quant_method", () => {
    expect(quantOf({ quant_method: "bitsandbytes", load_in_4bit: true })).toEqual({ method: "bitsandbytes", bits: 4 });
    expect(quantOf({ load_in_8bit: true, llm_int8_skip_modules: ["lm_head"] })).toEqual({
      method: "bitsandbytes",
      bits: 8,
      modulesNotConverted: ["lm_head"],
    });
  });

  it("explains what is missing", () => {
    expect(parseQuantizationConfig({ quant_method: "gptq" })).toEqual({
      error: expect.stringMatching(/quantization_config\.bits is missing/),
    });
    expect(parseQuantizationConfig({ quant_method: "compressed-tensors", config_groups: {} })).toEqual({
      error: expect.stringMatching(/weights\.num_bits/),
    });
    expect(parseQuantizationConfig({})).toEqual({
      error: expect.stringMatching(/neither quant_method nor load_in_4bit/),
    });
    expect(quantOf(null)).toBeUndefined();
  });
});
