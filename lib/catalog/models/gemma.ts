import type { ModelSeed } from "./define";

/**
 * Gemma 2 (every other layer slides over 4096 tokens) and Gemma 3 (5 of every 6 layers slide over
 * 1024; the LM sits under text_config, next to a SigLIP So400m/14 vision tower at 896 px: hidden 1152, MLP 4304,
 * 27 layers, 16 heads, as PaliGemma's and Gemma 3's vision_config write it, 0.42 B with its projector).
 * Verified: Gemma 2 shapes (maxtext's HF configs), Gemma 3 4B/12B/27B text_config (27B leaves
 * vocab_size and max_position_embeddings to Gemma3TextConfig's defaults, 262208 / 131072).
 * gemma-2-2b-it's float32 torch_dtype and Gemma 2's 256000 vocab are from memory.
 */
const gemma2 = (shape: Record<string, unknown>) => ({
  architectures: ["Gemma2ForCausalLM"],
  model_type: "gemma2",
  vocab_size: 256000,
  max_position_embeddings: 8192,
  sliding_window: 4096,
  torch_dtype: "bfloat16",
  ...shape,
});

const gemma3 = (text: Record<string, unknown>) => ({
  architectures: ["Gemma3ForConditionalGeneration"],
  model_type: "gemma3",
  torch_dtype: "bfloat16",
  vision_config: {
    model_type: "siglip_vision_model",
    hidden_size: 1152,
    intermediate_size: 4304,
    num_hidden_layers: 27,
    num_attention_heads: 16,
    patch_size: 14,
    image_size: 896,
  },
  text_config: {
    model_type: "gemma3_text",
    sliding_window: 1024,
    rope_scaling: { factor: 8.0, rope_type: "linear" },
    ...text,
  },
});

export const GEMMA_MODELS: ModelSeed[] = [
  {
    id: "google/gemma-2-2b-it",
    displayName: "Gemma 2 2B IT",
    config: gemma2({
      hidden_size: 2304,
      intermediate_size: 9216,
      num_hidden_layers: 26,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      head_dim: 256,
      torch_dtype: "float32",
    }),
  },
  {
    id: "google/gemma-2-9b-it",
    displayName: "Gemma 2 9B IT",
    config: gemma2({
      hidden_size: 3584,
      intermediate_size: 14336,
      num_hidden_layers: 42,
      num_attention_heads: 16,
      num_key_value_heads: 8,
      head_dim: 256,
    }),
  },
  {
    id: "google/gemma-2-27b-it",
    displayName: "Gemma 2 27B IT",
    config: gemma2({
      hidden_size: 4608,
      intermediate_size: 36864,
      num_hidden_layers: 46,
      num_attention_heads: 32,
      num_key_value_heads: 16,
      head_dim: 128,
    }),
  },
  {
    id: "google/gemma-3-4b-it",
    displayName: "Gemma 3 4B IT",
    config: gemma3({
      hidden_size: 2560,
      intermediate_size: 10240,
      num_hidden_layers: 34,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      head_dim: 256,
    }),
  },
  {
    id: "google/gemma-3-12b-it",
    displayName: "Gemma 3 12B IT",
    config: gemma3({
      hidden_size: 3840,
      intermediate_size: 15360,
      num_hidden_layers: 48,
      num_attention_heads: 16,
      num_key_value_heads: 8,
      head_dim: 256,
    }),
  },
  {
    id: "google/gemma-3-27b-it",
    displayName: "Gemma 3 27B IT",
    config: gemma3({
      hidden_size: 5376,
      intermediate_size: 21504,
      num_hidden_layers: 62,
      num_attention_heads: 32,
      num_key_value_heads: 16,
      head_dim: 128,
    }),
  },
];
