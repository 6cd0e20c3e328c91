import type { ModelSeed } from "./define";

/**
 * Phi-3 (4k context, sliding window 2047) and Phi-4. Verified against public copies of the
 * config.json of Phi-4 and Phi-3-medium-4k (10 KV heads); Phi-3-mini's shape from a public table.
 */
const phi3 = (shape: Record<string, unknown>) => ({
  architectures: ["Phi3ForCausalLM"],
  model_type: "phi3",
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  rope_scaling: null,
  ...shape,
});

export const PHI_MODELS: ModelSeed[] = [
  {
    id: "microsoft/Phi-3-mini-4k-instruct",
    displayName: "Phi-3 mini 4k Instruct",
    config: phi3({
      hidden_size: 3072,
      intermediate_size: 8192,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      vocab_size: 32064,
      max_position_embeddings: 4096,
      sliding_window: 2047,
    }),
  },
  {
    id: "microsoft/Phi-3-medium-4k-instruct",
    displayName: "Phi-3 medium 4k Instruct",
    config: phi3({
      hidden_size: 5120,
      intermediate_size: 17920,
      num_hidden_layers: 40,
      num_attention_heads: 40,
      num_key_value_heads: 10,
      vocab_size: 32064,
      max_position_embeddings: 4096,
      sliding_window: 2047,
    }),
  },
  {
    id: "microsoft/phi-4",
    displayName: "Phi-4",
    config: phi3({
      hidden_size: 5120,
      intermediate_size: 17920,
      num_hidden_layers: 40,
      num_attention_heads: 40,
      num_key_value_heads: 10,
      vocab_size: 100352,
      max_position_embeddings: 16384,
      original_max_position_embeddings: 16384,
      rope_theta: 250000,
      sliding_window: null,
    }),
  },
];
