import { describe, expect, it } from "vitest";
import { parseHfConfig, type ParseHfConfigResult } from "./hf-config";
import type { ModelArch } from "./types";
import { OPT_125M_CONFIG, STARCODERBASE_CONFIG } from "./testing/older-configs";

const QWEN25_7B = {
  architectures: ["Qwen2ForCausalLM"],
  hidden_size: 3584,
  intermediate_size: 18944,
  max_position_embeddings: 32768,
  max_window_layers: 28,
  model_type: "qwen2",
  num_attention_heads: 28,
  num_hidden_layers: 28,
  num_key_value_heads: 4,
  rope_theta: 1000000.0,
  sliding_window: 131072,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  use_sliding_window: false,
  vocab_size: 152064,
};

function archOf(result: ParseHfConfigResult): ModelArch {
  if ("error" in result) throw new Error(result.error);
  return result.arch;
}

function errorOf(result: ParseHfConfigResult): string {
  if (!("error" in result)) throw new Error("expected an error");
  return result.error;
}

describe("parseHfConfig: dense and GQA", () => {
  it("normalizes Qwen2.5-7B (GQA 28/4, untied, unused sliding window)", () => {
    const arch = archOf(parseHfConfig(QWEN25_7B, "Qwen/Qwen2.5-7B-Instruct"));
    expect(arch).toMatchObject({
      id: "Qwen/Qwen2.5-7B-Instruct",
      architecture: "Qwen2ForCausalLM",
      modelType: "qwen2",
      numLayers: 28,
      hiddenSize: 3584,
      numAttentionHeads: 28,
      numKeyValueHeads: 4,
      headDim: 128,
      intermediateSize: 18944,
      vocabSize: 152064,
      tieWordEmbeddings: false,
      maxPositionEmbeddings: 32768,
      torchDtype: "bfloat16",
    });
    expect(arch.slidingWindow).toBeUndefined();
    expect(arch.ropeScaling).toBeUndefined();
    expect(arch.quantization).toBeUndefined();
  });

  it("defaults KV heads to attention heads (MHA) and reads explicit head_dim", () => {
    const mha = archOf(parseHfConfig({ ...QWEN25_7B, num_key_value_heads: undefined }, "x/mha"));
    expect(mha.numKeyValueHeads).toBe(28);
    const explicit = archOf(parseHfConfig({ ...QWEN25_7B, head_dim: 64 }, "x/hd"));
    expect(explicit.headDim).toBe(64);
  });

  it("reads tied embeddings and the YaRN block Qwen's docs add", () => {
    const arch = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          tie_word_embeddings: true,
          rope_scaling: { factor: 4.0, original_max_position_embeddings: 32768, type: "yarn" },
        },
        "x/yarn",
      ),
    );
    expect(arch.tieWordEmbeddings).toBe(true);
    expect(arch.ropeScaling).toEqual({ type: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 });
  });

  it("reads Llama 3 rope_type and `dtype` (transformers 5 spelling)", () => {
    const { torch_dtype: _, ...rest } = QWEN25_7B;
    const arch = archOf(
      parseHfConfig(
        {
          ...rest,
          dtype: "float16",
          rope_scaling: { rope_type: "llama3", factor: 8.0, original_max_position_embeddings: 8192 },
        },
        "x/l3",
      ),
    );
    expect(arch.torchDtype).toBe("float16");
    expect(arch.ropeScaling).toEqual({ type: "llama3", factor: 8, originalMaxPositionEmbeddings: 8192 });
  });

  it("derives a longrope factor from the position counts", () => {
    const arch = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          max_position_embeddings: 131072,
          rope_scaling: {
            type: "longrope",
            long_factor: [1, 2],
            short_factor: [1, 1],
            original_max_position_embeddings: 4096,
          },
        },
        "x/phi",
      ),
    );
    expect(arch.ropeScaling).toEqual({ type: "longrope", factor: 32, originalMaxPositionEmbeddings: 4096 });
  });

  it("warns and assumes bfloat16 when torch_dtype is absent; keeps unknown keys", () => {
    const { torch_dtype: _, ...rest } = QWEN25_7B;
    const result = parseHfConfig({ ...rest, some_future_key: { a: 1 } }, "x/nodtype");
    if ("error" in result) throw new Error(result.error);
    expect(result.arch.torchDtype).toBe("bfloat16");
    expect(result.warnings[0]).toMatch(/no torch_dtype/);
  });
});

describe("parseHfConfig: sliding windows", () => {
  it("applies a Mistral-style window to every layer", () => {
    const arch = archOf(
      parseHfConfig(
        { ...QWEN25_7B, model_type: "mistral", use_sliding_window: undefined, sliding_window: 4096 },
        "x/m",
      ),
    );
    expect(arch).toMatchObject({ slidingWindow: 4096, slidingWindowLayers: 28 });
  });

  it("counts Gemma 2's alternate sliding layers", () => {
    const arch = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          model_type: "gemma2",
          use_sliding_window: undefined,
          num_hidden_layers: 42,
          sliding_window: 4096,
        },
        "x/g2",
      ),
    );
    expect(arch).toMatchObject({ slidingWindow: 4096, slidingWindowLayers: 21 });
  });

  it("counts layer_types and sliding_window_pattern", () => {
    const types = ["sliding_attention", "sliding_attention", "full_attention", "sliding_attention"];
    const byTypes = archOf(
      parseHfConfig(
        { ...QWEN25_7B, use_sliding_window: undefined, num_hidden_layers: 4, sliding_window: 512, layer_types: types },
        "x/t",
      ),
    );
    expect(byTypes.slidingWindowLayers).toBe(3);
    const byPattern = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          use_sliding_window: undefined,
          num_hidden_layers: 62,
          sliding_window: 1024,
          sliding_window_pattern: 6,
        },
        "x/p",
      ),
    );
    expect(byPattern.slidingWindowLayers).toBe(52);
  });
});

describe("parseHfConfig: nested text_config (Gemma 3, Llama 4, Qwen2.5-VL)", () => {
  it("reads the LM from text_config, dtype from the top level and Gemma 3 defaults", () => {
    const gemma3 = {
      architectures: ["Gemma3ForConditionalGeneration"],
      model_type: "gemma3",
      torch_dtype: "bfloat16",
      text_config: {
        model_type: "gemma3_text",
        head_dim: 128,
        hidden_size: 5376,
        intermediate_size: 21504,
        num_attention_heads: 32,
        num_hidden_layers: 62,
        num_key_value_heads: 16,
        rope_scaling: { factor: 8.0, rope_type: "linear" },
        sliding_window: 1024,
      },
      vision_config: { hidden_size: 1152 },
    };
    const arch = archOf(parseHfConfig(gemma3, "google/gemma-3-27b-it"));
    expect(arch).toMatchObject({
      architecture: "Gemma3ForConditionalGeneration",
      modelType: "gemma3_text",
      numLayers: 62,
      headDim: 128,
      vocabSize: 262208,
      maxPositionEmbeddings: 131072,
      tieWordEmbeddings: true,
      torchDtype: "bfloat16",
      slidingWindow: 1024,
      slidingWindowLayers: 52,
      ropeScaling: { type: "linear", factor: 8 },
    });
  });
});

describe("parseHfConfig: MoE and MLA", () => {
  it("reads Mixtral's num_local_experts and uses intermediate_size per expert", () => {
    const arch = archOf(
      parseHfConfig({ ...QWEN25_7B, model_type: "mixtral", num_local_experts: 8, num_experts_per_tok: 2 }, "x/mixtral"),
    );
    expect(arch.moe).toEqual({ numExperts: 8, expertsPerToken: 2, sharedExperts: 0, moeIntermediateSize: 18944 });
  });

  it("reads Qwen3-MoE and Qwen2-MoE shared expert width", () => {
    const q3 = archOf(
      parseHfConfig({ ...QWEN25_7B, num_experts: 128, num_experts_per_tok: 8, moe_intermediate_size: 768 }, "x/q3"),
    );
    expect(q3.moe).toEqual({ numExperts: 128, expertsPerToken: 8, sharedExperts: 0, moeIntermediateSize: 768 });
    const q2 = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          num_experts: 60,
          num_experts_per_tok: 4,
          moe_intermediate_size: 1408,
          shared_expert_intermediate_size: 5632,
        },
        "x/q2",
      ),
    );
    expect(q2.moe).toMatchObject({ sharedExperts: 1, sharedExpertIntermediateSize: 5632 });
  });

  it("reads DeepSeek-V3 MLA + MoE + fp8 blocks", () => {
    const arch = archOf(
      parseHfConfig(
        {
          ...QWEN25_7B,
          model_type: "deepseek_v3",
          hidden_size: 7168,
          num_attention_heads: 128,
          num_key_value_heads: 128,
          n_routed_experts: 256,
          n_shared_experts: 1,
          num_experts_per_tok: 8,
          moe_intermediate_size: 2048,
          first_k_dense_replace: 3,
          kv_lora_rank: 512,
          q_lora_rank: 1536,
          qk_rope_head_dim: 64,
          qk_nope_head_dim: 128,
          v_head_dim: 128,
          quantization_config: {
            quant_method: "fp8",
            fmt: "e4m3",
            activation_scheme: "dynamic",
            weight_block_size: [128, 128],
          },
        },
        "deepseek-ai/DeepSeek-V3",
      ),
    );
    expect(arch.headDim).toBe(192);
    expect(arch.mla).toEqual({
      kvLoraRank: 512,
      qkRopeHeadDim: 64,
      qkNopeHeadDim: 128,
      vHeadDim: 128,
      qLoraRank: 1536,
    });
    expect(arch.moe).toEqual({
      numExperts: 256,
      expertsPerToken: 8,
      sharedExperts: 1,
      moeIntermediateSize: 2048,
      firstDenseLayers: 3,
    });
    expect(arch.quantization).toEqual({ method: "fp8", bits: 8, weightBlockSize: [128, 128] });
  });
});

describe("parseHfConfig: errors name the field, the value and the fix", () => {
  it("refuses generation_config.json", () => {
    const error = errorOf(
      parseHfConfig(
        { bos_token_id: 151643, do_sample: true, temperature: 0.7, top_p: 0.8 },
        "Qwen/Qwen2.5-7B-Instruct",
      ),
    );
    expect(error).toMatch(/num_hidden_layers, hidden_size, num_attention_heads.* are missing/);
    expect(error).toMatch(/generation_config\.json: paste the model's config\.json/);
  });

  it("names one missing field", () => {
    const { num_attention_heads: _, ...rest } = QWEN25_7B;
    expect(errorOf(parseHfConfig(rest, "x/y"))).toMatch(
      /^num_attention_heads is missing in the config\.json of x\/y: a decoder config\.json has it; paste the model's config\.json, not generation_config\.json/,
    );
  });

  it("names a wrong type with its value", () => {
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, num_hidden_layers: "28" }, "x/y"))).toMatch(
      /num_hidden_layers is "28" .*expected (a )?number/,
    );
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, hidden_size: 35.5 }, "x/y"))).toMatch(
      /hidden_size is 35.5 .*expected a whole number/,
    );
  });

  it("rejects KV heads that do not divide the heads, and non-objects", () => {
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, num_key_value_heads: 5 }, "x/y"))).toMatch(
      /num_key_value_heads is 5 .* divisor of num_attention_heads \(28\)/,
    );
    expect(errorOf(parseHfConfig("{}", "x/y"))).toMatch(/is "\{\}": paste the JSON object/);
    expect(errorOf(parseHfConfig([], "x/y"))).toMatch(/is a list/);
  });

  it("asks for head_dim when hidden/heads is fractional", () => {
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, num_attention_heads: 48, num_key_value_heads: 8 }, "x/y"))).toMatch(
      /head_dim is missing: add "head_dim"|add "head_dim"/,
    );
  });

  it("rejects an unknown dtype and quant method", () => {
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, torch_dtype: "int3" }, "x/y"))).toMatch(
      /torch_dtype is "int3".*expected bfloat16, float16 or float32/,
    );
    expect(errorOf(parseHfConfig({ ...QWEN25_7B, quantization_config: { quant_method: "hqq" } }, "x/y"))).toMatch(
      /quant_method is "hqq"/,
    );
  });
});

describe("multimodal configs", () => {
  it("marks models with a text_config or an image-taking architecture, and leaves text models alone", () => {
    const vl = parseHfConfig(
      { ...QWEN25_7B, architectures: ["Qwen2_5_VLForConditionalGeneration"], model_type: "qwen2_5_vl" },
      "x/vl",
    );
    expect("arch" in vl && vl.arch.multimodal).toBe(true);
    const text = parseHfConfig(QWEN25_7B, "x/text");
    expect("arch" in text && text.arch.multimodal).toBeFalsy();
  });
});

describe("older field names", () => {
  it("reads OPT's ffn_dim and GPT-BigCode's n_embd, n_layer, n_head, n_inner, n_positions and multi_query", () => {
    const opt = parseHfConfig(OPT_125M_CONFIG, "facebook/opt-125m");
    expect("arch" in opt && opt.arch.intermediateSize).toBe(3072);
    const bigcode = parseHfConfig(STARCODERBASE_CONFIG, "bigcode/starcoderbase");
    if (!("arch" in bigcode)) throw new Error(bigcode.error);
    const a = bigcode.arch;
    expect([a.hiddenSize, a.numLayers, a.intermediateSize, a.maxPositionEmbeddings, a.numKeyValueHeads]).toEqual([
      6144, 40, 24576, 8192, 1,
    ]);
  });

  it("takes 4 × hidden for a GPT-2 style n_inner of null", () => {
    const gpt2 = parseHfConfig(
      { model_type: "gpt2", n_embd: 768, n_layer: 12, n_head: 12, n_inner: null, n_positions: 1024, vocab_size: 50257 },
      "gpt2",
    );
    expect("arch" in gpt2 && gpt2.arch.intermediateSize).toBe(3072);
  });
});
