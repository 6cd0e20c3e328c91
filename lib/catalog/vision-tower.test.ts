import { describe, expect, it } from "vitest";
import { parseHfConfig } from "./hf-config";
import { visionTower } from "./vision-tower";

// vision_config of Qwen/Qwen2.5-VL-7B-Instruct (config.json).
const QWEN25_VL_VISION = {
  depth: 32,
  hidden_size: 1280,
  intermediate_size: 3420,
  num_heads: 16,
  out_hidden_size: 3584,
  patch_size: 14,
  spatial_merge_size: 2,
  temporal_patch_size: 2,
  in_chans: 3,
};

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
    const parsed = parseHfConfig(
      {
        model_type: "qwen2_5_vl",
        architectures: ["Qwen2_5_VLForConditionalGeneration"],
        hidden_size: 3584,
        intermediate_size: 18944,
        num_hidden_layers: 28,
        num_attention_heads: 28,
        num_key_value_heads: 4,
        vocab_size: 152064,
        max_position_embeddings: 128000,
        vision_config: QWEN25_VL_VISION,
      },
      "Qwen/Qwen2.5-VL-7B-Instruct",
    );
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
