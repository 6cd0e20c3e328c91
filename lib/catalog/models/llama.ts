import type { ModelSeed } from "./define";

/**
 * Llama 3.x. Verified: 8B/70B/405B shapes (several public config copies), Llama-3.1-8B
 * total_size 16,060,522,496. Llama 3.2 1B (head_dim 64) / 3B and the rope_scaling blocks are from
 * memory. Quantized variants: the quantization_config blocks are abridged from memory (see notes).
 */
const LLAMA3_ROPE = {
  factor: 8.0,
  low_freq_factor: 1.0,
  high_freq_factor: 4.0,
  original_max_position_embeddings: 8192,
  rope_type: "llama3",
};
const LLAMA32_ROPE = { ...LLAMA3_ROPE, factor: 32.0 };

const llama = (shape: Record<string, unknown>) => ({
  architectures: ["LlamaForCausalLM"],
  model_type: "llama",
  vocab_size: 128256,
  max_position_embeddings: 131072,
  rope_theta: 500000.0,
  rope_scaling: LLAMA3_ROPE,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  ...shape,
});

export const SHAPE_LLAMA_8B = {
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
};
export const SHAPE_LLAMA_70B = {
  hidden_size: 8192,
  intermediate_size: 28672,
  num_hidden_layers: 80,
  num_attention_heads: 64,
  num_key_value_heads: 8,
};
const SHAPE_405B = {
  hidden_size: 16384,
  intermediate_size: 53248,
  num_hidden_layers: 126,
  num_attention_heads: 128,
  num_key_value_heads: 8,
};

export { llama as llamaConfig };

export const LLAMA_MODELS: ModelSeed[] = [
  {
    id: "meta-llama/Llama-3.1-8B-Instruct",
    displayName: "Llama 3.1 8B Instruct",
    config: llama(SHAPE_LLAMA_8B),
    paramCount: 8_030_261_248,
    checkpointBytes: 16_060_522_496,
  },
  { id: "meta-llama/Llama-3.1-70B-Instruct", displayName: "Llama 3.1 70B Instruct", config: llama(SHAPE_LLAMA_70B) },
  { id: "meta-llama/Llama-3.1-405B-Instruct", displayName: "Llama 3.1 405B Instruct", config: llama(SHAPE_405B) },
  {
    // Meta's FP8 release uses fbgemm_fp8 (per-row weights, dynamic activations). The real
    // modules_to_not_convert also names some layers' projections; abridged to lm_head here.
    id: "meta-llama/Llama-3.1-405B-Instruct-FP8",
    displayName: "Llama 3.1 405B Instruct FP8",
    config: llama({
      ...SHAPE_405B,
      quantization_config: {
        quant_method: "fbgemm_fp8",
        activation_scale_ub: 1200.0,
        modules_to_not_convert: ["lm_head"],
      },
    }),
  },
  {
    // INT8 weights per channel, INT8 activations per token (compressed-tensors "int-quantized").
    id: "RedHatAI/Meta-Llama-3.1-70B-Instruct-quantized.w8a8",
    displayName: "Llama 3.1 70B Instruct W8A8 (RedHatAI)",
    config: llama({
      ...SHAPE_LLAMA_70B,
      quantization_config: {
        quant_method: "compressed-tensors",
        format: "int-quantized",
        config_groups: {
          group_0: {
            targets: ["Linear"],
            weights: { num_bits: 8, type: "int", symmetric: true, strategy: "channel" },
            input_activations: { num_bits: 8, type: "int", symmetric: true, strategy: "token", dynamic: true },
          },
        },
        ignore: ["lm_head"],
      },
    }),
  },
  {
    id: "meta-llama/Llama-3.2-1B-Instruct",
    displayName: "Llama 3.2 1B Instruct",
    config: llama({
      hidden_size: 2048,
      intermediate_size: 8192,
      num_hidden_layers: 16,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      head_dim: 64,
      tie_word_embeddings: true,
      rope_scaling: LLAMA32_ROPE,
    }),
  },
  {
    id: "meta-llama/Llama-3.2-3B-Instruct",
    displayName: "Llama 3.2 3B Instruct",
    config: llama({
      hidden_size: 3072,
      intermediate_size: 8192,
      num_hidden_layers: 28,
      num_attention_heads: 24,
      num_key_value_heads: 8,
      head_dim: 128,
      tie_word_embeddings: true,
      rope_scaling: LLAMA32_ROPE,
    }),
  },
  { id: "meta-llama/Llama-3.3-70B-Instruct", displayName: "Llama 3.3 70B Instruct", config: llama(SHAPE_LLAMA_70B) },
];
