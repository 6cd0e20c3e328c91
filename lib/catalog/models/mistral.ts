import type { ModelSeed } from "./define";

/** Mistral 7B v0.3 and Mixtral 8x7B. Shapes verified against public config copies (Mixtral-AWQ excerpt). */
export const MISTRAL_MODELS: ModelSeed[] = [
  {
    id: "mistralai/Mistral-7B-Instruct-v0.3",
    displayName: "Mistral 7B Instruct v0.3",
    config: {
      architectures: ["MistralForCausalLM"],
      model_type: "mistral",
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      head_dim: 128,
      vocab_size: 32768,
      max_position_embeddings: 32768,
      rope_theta: 1_000_000.0,
      sliding_window: null,
      tie_word_embeddings: false,
      torch_dtype: "bfloat16",
    },
  },
  {
    id: "mistralai/Mixtral-8x7B-Instruct-v0.1",
    displayName: "Mixtral 8x7B Instruct v0.1 (MoE)",
    config: {
      architectures: ["MixtralForCausalLM"],
      model_type: "mixtral",
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      vocab_size: 32000,
      max_position_embeddings: 32768,
      rope_theta: 1_000_000.0,
      sliding_window: null,
      tie_word_embeddings: false,
      torch_dtype: "bfloat16",
    },
  },
];
