import { describe, expect, it } from "vitest";
import { parseHfConfig } from "./hf-config";
import { visionTowerParams } from "./vision-params";

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

describe("vision tower parameters", () => {
  it("counts Qwen2.5-VL-7B's gated tower and patch merger: 0.68 B (8.29 B − 7.62 B published)", () => {
    const params = visionTowerParams(QWEN25_VL_VISION, "qwen2_5_vl", 3584)!;
    expect(params / 1e9).toBeCloseTo(0.676, 2);
  });

  it("counts Llama-3.2-11B-Vision's 32 + 8 global layers within 3 % of the 0.88 B vLLM loads beyond the text model", () => {
    const params = visionTowerParams(
      {
        num_hidden_layers: 32,
        num_global_layers: 8,
        max_num_tiles: 4,
        hidden_size: 1280,
        intermediate_size: 5120,
        image_size: 560,
        patch_size: 14,
      },
      "mllama",
      4096,
    )!;
    expect(Math.abs(params / 0.885e9 - 1)).toBeLessThan(0.03);
  });

  it("answers nothing for a config without a vision tower shape", () => {
    expect(visionTowerParams(undefined, "qwen2_5_vl", 3584)).toBeUndefined();
    expect(visionTowerParams({ patch_size: 14 }, "qwen2_5_vl", 3584)).toBeUndefined();
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
    expect("arch" in parsed && parsed.arch.multimodal && parsed.arch.visionParams! / 1e9).toBeCloseTo(0.676, 2);
  });
});
