import { describe, expect, it } from "vitest";
import { parseHfConfig } from "./hf-config";
import { QWEN25_VL_CONFIG, QWEN25_VL_VISION } from "./testing/vision-configs";
import { visionTower } from "./vision-tower";

// vision_config of meta-llama/Llama-3.2-11B-Vision (config.json, as quoted in danbev/learning-ai's notes).
const MLLAMA_VISION = {
  num_hidden_layers: 32,
  num_global_layers: 8,
  max_num_tiles: 4,
  hidden_size: 1280,
  intermediate_size: 5120,
  image_size: 560,
  patch_size: 14,
};

describe("vision tower", () => {
  it("counts Qwen2.5-VL-7B's gated tower and patch merger: 0.68 B (8.29 B − 7.62 B published)", () => {
    const params = visionTower(QWEN25_VL_VISION, { model_type: "qwen2_5_vl" }, 3584)!.params;
    expect(params / 1e9).toBeCloseTo(0.676, 2);
  });

  it("counts Llama-3.2-11B-Vision's 32 + 8 global layers within 3 % of the 0.88 B vLLM loads beyond the text model", () => {
    const params = visionTower(MLLAMA_VISION, { model_type: "mllama" }, 4096)!.params;
    expect(Math.abs(params / 0.885e9 - 1)).toBeLessThan(0.03);
  });

  it("answers nothing for a config without a vision tower shape", () => {
    expect(visionTower(undefined, { model_type: "qwen2_5_vl" }, 3584)).toBeUndefined();
    expect(visionTower({ patch_size: 14 }, { model_type: "qwen2_5_vl" }, 3584)).toBeUndefined();
  });

  it("puts the tower into the parsed architecture of a multimodal config", () => {
    const parsed = parseHfConfig(QWEN25_VL_CONFIG, "Qwen/Qwen2.5-VL-7B-Instruct");
    expect("arch" in parsed && parsed.arch.multimodal && parsed.arch.vision!.params / 1e9).toBeCloseTo(0.676, 2);
  });
});

describe("one image at the processor's largest size", () => {
  it("is 16,384 merged tokens of 4 patches each for Qwen2.5-VL (max_pixels 12,845,056)", () => {
    const tower = visionTower(QWEN25_VL_VISION, { model_type: "qwen2_5_vl" }, 3584)!;
    expect([tower.tokensPerItem, tower.patchesPerItem, tower.gatedMlp, tower.crossAttention]).toEqual([
      16_384,
      65_536,
      true,
      false,
    ]);
  });

  it("takes transformers' defaults where a Qwen VL config leaves patch, merge and temporal sizes out", () => {
    const { depth, hidden_size, intermediate_size, out_hidden_size } = QWEN25_VL_VISION;
    const tower = visionTower(
      { depth, hidden_size, intermediate_size, out_hidden_size },
      { model_type: "qwen2_5_vl" },
      3584,
    )!;
    expect([tower.patchesPerItem, tower.pixelValuesPerPatch, tower.rotaryAttention]).toEqual([65_536, 1176, true]);
  });

  it("reads Qwen2-VL's tower width from embed_dim (its hidden_size is the projector's output) and its MLP as ungated", () => {
    const tower = visionTower(
      { depth: 32, embed_dim: 1280, hidden_size: 3584, mlp_ratio: 4, num_heads: 16, spatial_merge_size: 2 },
      { model_type: "qwen2_vl" },
      3584,
    )!;
    expect([tower.hiddenSize, tower.intermediateSize, tower.gatedMlp, tower.patchesPerItem]).toEqual([
      1280,
      5120,
      false,
      65_536,
    ]);
    // Qwen/Qwen2-VL-7B-Instruct: 8.29 B in all, 7.62 B in the language model; the tower and merger 0.675 B
    expect(tower.params / 1e9).toBeCloseTo(0.675, 2);
  });

  it("is 16,384 tokens of 32 × 32 pixels for Qwen3-VL (longest_edge 16,777,216), an ungated MLP, deepstack mergers", () => {
    const tower = visionTower(
      {
        depth: 27,
        hidden_size: 1152,
        intermediate_size: 4304,
        num_heads: 16,
        num_position_embeddings: 2304,
        out_hidden_size: 2048,
        patch_size: 16,
        spatial_merge_size: 2,
        temporal_patch_size: 2,
        deepstack_visual_indexes: [8, 16, 24],
      },
      { model_type: "qwen3_vl_moe" },
      2048,
    )!;
    expect([tower.tokensPerItem, tower.patchesPerItem, tower.gatedMlp, tower.pixelValuesPerPatch]).toEqual([
      16_384,
      65_536,
      false,
      1536,
    ]);
    // 27 blocks of 4·h² + 2·h·i, the patch embedding, 2,304 learned positions, the merger and three deepstack mergers
    const merged = 1152 * 4;
    const expected =
      27 * (4 * 1152 ** 2 + 2 * 1152 * 4304) + 1536 * 1152 + 2304 * 1152 + 4 * (merged ** 2 + merged * 2048);
    expect(tower.params).toBe(expected);
  });

  it("is 110 × 110 Pixtral patches merged 2 × 2 into 3,025 tokens for Mistral Small 3.1/3.2, a gated MLP", () => {
    // mistralai/Mistral-Small-3.1-24B-Instruct-2503 config.json: vision_config and the outer spatial_merge_size
    const tower = visionTower(
      {
        model_type: "pixtral",
        hidden_size: 1024,
        intermediate_size: 4096,
        num_hidden_layers: 24,
        num_attention_heads: 16,
        image_size: 1540,
        patch_size: 14,
      },
      { model_type: "mistral3", spatial_merge_size: 2 },
      5120,
    )!;
    expect([tower.tokensPerItem, tower.patchesPerItem, tower.gatedMlp, tower.rotaryAttention]).toEqual([
      3025,
      12_100,
      true,
      false,
    ]);
  });

  it("is 12 tiles and a thumbnail of 1,025 patches, 256 tokens each after pixel shuffle, for InternVL (llm_config)", () => {
    // OpenGVLab/InternVL3-8B config.json: InternViT-300M-448px-V2_5 beside Qwen2.5-7B under llm_config
    const parsed = parseHfConfig(
      {
        architectures: ["InternVLChatModel"],
        model_type: "internvl_chat",
        downsample_ratio: 0.5,
        dynamic_image_size: true,
        max_dynamic_patch: 12,
        use_thumbnail: true,
        torch_dtype: "bfloat16",
        llm_config: {
          architectures: ["Qwen2ForCausalLM"],
          model_type: "qwen2",
          hidden_size: 3584,
          intermediate_size: 18944,
          num_hidden_layers: 28,
          num_attention_heads: 28,
          num_key_value_heads: 4,
          vocab_size: 151674,
          max_position_embeddings: 32768,
        },
        vision_config: {
          model_type: "intern_vit_6b",
          hidden_size: 1024,
          intermediate_size: 4096,
          num_hidden_layers: 24,
          num_attention_heads: 16,
          image_size: 448,
          patch_size: 14,
        },
      },
      "OpenGVLab/InternVL3-8B",
    );
    if (!("arch" in parsed)) throw new Error(parsed.error);
    const tower = parsed.arch.vision!;
    expect([parsed.arch.hiddenSize, parsed.arch.numLayers]).toEqual([3584, 28]);
    expect([tower.tokensPerItem, tower.patchesPerItem, tower.gatedMlp]).toEqual([13 * 256, 13 * 1025, false]);
    // 7.94 B published, 7.62 B of them Qwen2.5-7B: the tower and its mlp1 projector about 0.32 B
    expect(tower.params / 1e9).toBeCloseTo(0.33, 1);
  });

  it("is 4 tiles of 1,601 patches padded to 1,608 for Llama-3.2-Vision, feeding cross-attention", () => {
    const tower = visionTower(MLLAMA_VISION, { model_type: "mllama" }, 4096)!;
    expect([tower.patchesPerItem, tower.crossAttention, tower.keptHiddenStates]).toEqual([6432, true, 5]);
  });

  it("is 256 tokens pooled from 4,096 patches for Gemma 3", () => {
    const tower = visionTower(
      { hidden_size: 1152, intermediate_size: 4304, num_hidden_layers: 27, image_size: 896, patch_size: 14 },
      { model_type: "gemma3" },
      2560,
    )!;
    expect([tower.tokensPerItem, tower.patchesPerItem]).toEqual([256, 4096]);
  });
});
