import type { ModelSeed } from "./define";

/**
 * Qwen3. Verified against public config excerpts: 0.6B, 1.7B, 4B, 8B, 14B, 32B, 30B-A3B.
 * 235B-A22B (94 layers, 4 KV heads, 128 experts × 1536) is from memory; the 4 KV heads match
 * reference/vllm-tgi-facts.md ("Qwen3-235B 4 KV heads @TP8"). Native context 40960;
 * YaRN factor 4 over 32768 reaches 131072.
 */
const qwen3 = (shape: Record<string, unknown>) => ({
  architectures: ["Qwen3ForCausalLM"],
  model_type: "qwen3",
  head_dim: 128,
  vocab_size: 151936,
  max_position_embeddings: 40960,
  rope_theta: 1_000_000,
  rope_scaling: null,
  sliding_window: null,
  use_sliding_window: false,
  torch_dtype: "bfloat16",
  tie_word_embeddings: false,
  ...shape,
});

const qwen3Moe = (shape: Record<string, unknown>) =>
  qwen3({
    architectures: ["Qwen3MoeForCausalLM"],
    model_type: "qwen3_moe",
    decoder_sparse_step: 1,
    mlp_only_layers: [],
    ...shape,
  });

const SHAPE_235B = {
  hidden_size: 4096,
  intermediate_size: 12288,
  moe_intermediate_size: 1536,
  num_hidden_layers: 94,
  num_attention_heads: 64,
  num_key_value_heads: 4,
  num_experts: 128,
  num_experts_per_tok: 8,
};

export const QWEN3_MODELS: ModelSeed[] = [
  {
    id: "Qwen/Qwen3-0.6B",
    displayName: "Qwen3 0.6B",
    config: qwen3({
      hidden_size: 1024,
      intermediate_size: 3072,
      num_hidden_layers: 28,
      num_attention_heads: 16,
      num_key_value_heads: 8,
      tie_word_embeddings: true,
    }),
  },
  {
    id: "Qwen/Qwen3-1.7B",
    displayName: "Qwen3 1.7B",
    config: qwen3({
      hidden_size: 2048,
      intermediate_size: 6144,
      num_hidden_layers: 28,
      num_attention_heads: 16,
      num_key_value_heads: 8,
      tie_word_embeddings: true,
    }),
  },
  {
    id: "Qwen/Qwen3-4B",
    displayName: "Qwen3 4B",
    config: qwen3({
      hidden_size: 2560,
      intermediate_size: 9728,
      num_hidden_layers: 36,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      tie_word_embeddings: true,
    }),
  },
  {
    id: "Qwen/Qwen3-8B",
    displayName: "Qwen3 8B",
    config: qwen3({
      hidden_size: 4096,
      intermediate_size: 12288,
      num_hidden_layers: 36,
      num_attention_heads: 32,
      num_key_value_heads: 8,
    }),
  },
  {
    id: "Qwen/Qwen3-14B",
    displayName: "Qwen3 14B",
    config: qwen3({
      hidden_size: 5120,
      intermediate_size: 17408,
      num_hidden_layers: 40,
      num_attention_heads: 40,
      num_key_value_heads: 8,
    }),
  },
  {
    id: "Qwen/Qwen3-32B",
    displayName: "Qwen3 32B",
    config: qwen3({
      hidden_size: 5120,
      intermediate_size: 25600,
      num_hidden_layers: 64,
      num_attention_heads: 64,
      num_key_value_heads: 8,
    }),
  },
  {
    id: "Qwen/Qwen3-30B-A3B",
    displayName: "Qwen3 30B-A3B (MoE)",
    config: qwen3Moe({
      hidden_size: 2048,
      intermediate_size: 6144,
      moe_intermediate_size: 768,
      num_hidden_layers: 48,
      num_attention_heads: 32,
      num_key_value_heads: 4,
      num_experts: 128,
      num_experts_per_tok: 8,
    }),
  },
  { id: "Qwen/Qwen3-235B-A22B", displayName: "Qwen3 235B-A22B (MoE)", config: qwen3Moe(SHAPE_235B) },
  {
    id: "Qwen/Qwen3-235B-A22B-FP8",
    displayName: "Qwen3 235B-A22B FP8 (MoE)",
    config: qwen3Moe({
      ...SHAPE_235B,
      quantization_config: {
        activation_scheme: "dynamic",
        fmt: "e4m3",
        quant_method: "fp8",
        weight_block_size: [128, 128],
      },
    }),
  },
];
