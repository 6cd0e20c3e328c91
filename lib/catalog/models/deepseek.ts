import type { ModelSeed } from "./define";
import { SHAPE_LLAMA_70B, SHAPE_LLAMA_8B, llamaConfig } from "./llama";

/**
 * DeepSeek-V3 / R1 (MLA + MoE, fp8 block-quantized weights) and the R1 distills. V3 shape verified
 * against several public copies (61 layers, 7168 hidden, 256 routed + 1 shared expert, kv_lora_rank
 * 512). The distills reuse Qwen2.5-Math-1.5B/7B, Qwen2.5-14B/32B and Llama-3.1-8B/3.3-70B shapes
 * with 131072 positions; their rope_theta/sliding_window values are from memory.
 */
const distillQwen = (shape: Record<string, unknown>) => ({
  architectures: ["Qwen2ForCausalLM"],
  model_type: "qwen2",
  max_position_embeddings: 131072,
  use_sliding_window: false,
  sliding_window: 4096,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  ...shape,
});

const deepseekV3 = {
  architectures: ["DeepseekV3ForCausalLM"],
  model_type: "deepseek_v3",
  hidden_size: 7168,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  num_hidden_layers: 61,
  num_nextn_predict_layers: 1,
  num_attention_heads: 128,
  num_key_value_heads: 128,
  n_routed_experts: 256,
  n_shared_experts: 1,
  num_experts_per_tok: 8,
  first_k_dense_replace: 3,
  kv_lora_rank: 512,
  q_lora_rank: 1536,
  qk_rope_head_dim: 64,
  qk_nope_head_dim: 128,
  v_head_dim: 128,
  vocab_size: 129280,
  max_position_embeddings: 163840,
  rope_scaling: {
    beta_fast: 32,
    beta_slow: 1,
    factor: 40,
    mscale: 1.0,
    mscale_all_dim: 1.0,
    original_max_position_embeddings: 4096,
    type: "yarn",
  },
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  quantization_config: {
    activation_scheme: "dynamic",
    fmt: "e4m3",
    quant_method: "fp8",
    weight_block_size: [128, 128],
  },
};

export const DEEPSEEK_MODELS: ModelSeed[] = [
  { id: "deepseek-ai/DeepSeek-V3", displayName: "DeepSeek-V3 (MLA, MoE, FP8)", config: deepseekV3 },
  { id: "deepseek-ai/DeepSeek-R1", displayName: "DeepSeek-R1 (MLA, MoE, FP8)", config: deepseekV3 },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
    displayName: "DeepSeek-R1-Distill-Qwen 1.5B",
    config: distillQwen({
      hidden_size: 1536,
      intermediate_size: 8960,
      num_hidden_layers: 28,
      num_attention_heads: 12,
      num_key_value_heads: 2,
      vocab_size: 151936,
      rope_theta: 10000,
    }),
  },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    displayName: "DeepSeek-R1-Distill-Qwen 7B",
    config: distillQwen({
      hidden_size: 3584,
      intermediate_size: 18944,
      num_hidden_layers: 28,
      num_attention_heads: 28,
      num_key_value_heads: 4,
      vocab_size: 152064,
      rope_theta: 10000,
    }),
  },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
    displayName: "DeepSeek-R1-Distill-Qwen 14B",
    config: distillQwen({
      hidden_size: 5120,
      intermediate_size: 13824,
      num_hidden_layers: 48,
      num_attention_heads: 40,
      num_key_value_heads: 8,
      vocab_size: 152064,
      rope_theta: 1_000_000,
    }),
  },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
    displayName: "DeepSeek-R1-Distill-Qwen 32B",
    config: distillQwen({
      hidden_size: 5120,
      intermediate_size: 27648,
      num_hidden_layers: 64,
      num_attention_heads: 40,
      num_key_value_heads: 8,
      vocab_size: 152064,
      rope_theta: 1_000_000,
    }),
  },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
    displayName: "DeepSeek-R1-Distill-Llama 8B",
    config: llamaConfig(SHAPE_LLAMA_8B),
  },
  {
    id: "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
    displayName: "DeepSeek-R1-Distill-Llama 70B",
    config: llamaConfig(SHAPE_LLAMA_70B),
  },
];
