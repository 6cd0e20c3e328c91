/** config.json vision towers the tests and the calibration corpus share. */

/** Qwen/Qwen2.5-VL-7B-Instruct's config.json, the fields the catalog reads. */
export const QWEN25_VL_VISION = {
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

export const QWEN25_VL_CONFIG = {
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
};

/** InternViT-6B-448px-V2_5, the tower of OpenGVLab/InternVL3-78B (its config.json vision_config). */
export const INTERNVIT_6B_VISION = {
  model_type: "intern_vit_6b",
  hidden_size: 3200,
  intermediate_size: 12800,
  num_hidden_layers: 45,
  num_attention_heads: 25,
  image_size: 448,
  patch_size: 14,
  qk_normalization: true,
};
