import type { ModelSeed } from "./define";

/**
 * Qwen2.5 Instruct. Verified: 7B (reference/vllm-tgi-facts.md, calibration/, vLLM issue #8691
 * config dump for 72B, 1.5B/7B/72B-AWQ config excerpts in public planner fixtures).
 * 0.5B/3B/14B/32B shapes are from memory; the parameter counts they give (494,032,768 /
 * 3,085,938,688 / 14,770,033,664 / 32,763,876,352) match the sizes on the model cards.
 * Quantized checkpoints are published in float16; GPTQ/AWQ keep embeddings and lm_head 16-bit.
 */
const qwen2 = (shape: {
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  vocab_size: number;
  tie_word_embeddings: boolean;
  sliding_window: number;
  torch_dtype?: string;
  quantization_config?: Record<string, unknown>;
}) => ({
  architectures: ["Qwen2ForCausalLM"],
  model_type: "qwen2",
  max_position_embeddings: 32768,
  rope_theta: 1_000_000.0,
  rope_scaling: null,
  use_sliding_window: false,
  torch_dtype: "bfloat16",
  ...shape,
});

const small = { vocab_size: 151936, tie_word_embeddings: true, sliding_window: 32768 };
const large = { vocab_size: 152064, tie_word_embeddings: false, sliding_window: 131072 };
const SHAPE_7B = {
  hidden_size: 3584,
  intermediate_size: 18944,
  num_hidden_layers: 28,
  num_attention_heads: 28,
  num_key_value_heads: 4,
  ...large,
};
const SHAPE_14B = {
  hidden_size: 5120,
  intermediate_size: 13824,
  num_hidden_layers: 48,
  num_attention_heads: 40,
  num_key_value_heads: 8,
  ...large,
};
const SHAPE_32B = {
  hidden_size: 5120,
  intermediate_size: 27648,
  num_hidden_layers: 64,
  num_attention_heads: 40,
  num_key_value_heads: 8,
  ...large,
};
const SHAPE_72B = {
  hidden_size: 8192,
  intermediate_size: 29568,
  num_hidden_layers: 80,
  num_attention_heads: 64,
  num_key_value_heads: 8,
  ...large,
};
/** The 72B AWQ/GPTQ checkpoints pad the MLP to 29696 (= 232 × 128) so TP 2/4/8 split whole groups. */
const SHAPE_72B_QUANT = { ...SHAPE_72B, intermediate_size: 29696 };

const gptq = (bits: 4 | 8) => ({
  bits,
  group_size: 128,
  desc_act: false,
  sym: true,
  damp_percent: 0.01,
  true_sequential: true,
  quant_method: "gptq",
});
const awq = {
  bits: 4,
  group_size: 128,
  modules_to_not_convert: null,
  quant_method: "awq",
  version: "gemm",
  zero_point: true,
};

export const QWEN25_MODELS: ModelSeed[] = [
  {
    id: "Qwen/Qwen2.5-0.5B-Instruct",
    displayName: "Qwen2.5 0.5B Instruct",
    config: qwen2({
      hidden_size: 896,
      intermediate_size: 4864,
      num_hidden_layers: 24,
      num_attention_heads: 14,
      num_key_value_heads: 2,
      ...small,
    }),
  },
  {
    id: "Qwen/Qwen2.5-1.5B-Instruct",
    displayName: "Qwen2.5 1.5B Instruct",
    config: qwen2({
      hidden_size: 1536,
      intermediate_size: 8960,
      num_hidden_layers: 28,
      num_attention_heads: 12,
      num_key_value_heads: 2,
      ...small,
    }),
  },
  {
    id: "Qwen/Qwen2.5-3B-Instruct",
    displayName: "Qwen2.5 3B Instruct",
    config: qwen2({
      hidden_size: 2048,
      intermediate_size: 11008,
      num_hidden_layers: 36,
      num_attention_heads: 16,
      num_key_value_heads: 2,
      ...small,
    }),
  },
  {
    id: "Qwen/Qwen2.5-7B-Instruct",
    displayName: "Qwen2.5 7B Instruct",
    config: qwen2(SHAPE_7B),
    paramCount: 7_615_616_512,
    checkpointBytes: 15_231_233_024,
  },
  {
    id: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
    displayName: "Qwen2.5 7B Instruct GPTQ-Int4",
    config: qwen2({ ...SHAPE_7B, torch_dtype: "float16", quantization_config: gptq(4) }),
    paramCount: 7_615_616_512,
  },
  {
    id: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int8",
    displayName: "Qwen2.5 7B Instruct GPTQ-Int8",
    config: qwen2({ ...SHAPE_7B, torch_dtype: "float16", quantization_config: gptq(8) }),
    paramCount: 7_615_616_512,
  },
  {
    id: "Qwen/Qwen2.5-7B-Instruct-AWQ",
    displayName: "Qwen2.5 7B Instruct AWQ",
    config: qwen2({ ...SHAPE_7B, torch_dtype: "float16", quantization_config: awq }),
    paramCount: 7_615_616_512,
  },
  { id: "Qwen/Qwen2.5-14B-Instruct", displayName: "Qwen2.5 14B Instruct", config: qwen2(SHAPE_14B) },
  {
    id: "Qwen/Qwen2.5-14B-Instruct-AWQ",
    displayName: "Qwen2.5 14B Instruct AWQ",
    config: qwen2({ ...SHAPE_14B, torch_dtype: "float16", quantization_config: awq }),
  },
  {
    id: "Qwen/Qwen2.5-14B-Instruct-GPTQ-Int4",
    displayName: "Qwen2.5 14B Instruct GPTQ-Int4",
    config: qwen2({ ...SHAPE_14B, torch_dtype: "float16", quantization_config: gptq(4) }),
  },
  { id: "Qwen/Qwen2.5-32B-Instruct", displayName: "Qwen2.5 32B Instruct", config: qwen2(SHAPE_32B) },
  {
    id: "Qwen/Qwen2.5-32B-Instruct-AWQ",
    displayName: "Qwen2.5 32B Instruct AWQ",
    config: qwen2({ ...SHAPE_32B, torch_dtype: "float16", quantization_config: awq }),
  },
  {
    id: "Qwen/Qwen2.5-32B-Instruct-GPTQ-Int4",
    displayName: "Qwen2.5 32B Instruct GPTQ-Int4",
    config: qwen2({ ...SHAPE_32B, torch_dtype: "float16", quantization_config: gptq(4) }),
  },
  { id: "Qwen/Qwen2.5-72B-Instruct", displayName: "Qwen2.5 72B Instruct", config: qwen2(SHAPE_72B) },
  {
    id: "Qwen/Qwen2.5-72B-Instruct-AWQ",
    displayName: "Qwen2.5 72B Instruct AWQ",
    config: qwen2({ ...SHAPE_72B_QUANT, torch_dtype: "float16", quantization_config: awq }),
  },
  {
    // intermediate_size 29696 assumed like -AWQ (Qwen re-quantized the 72B AWQ/GPTQ set together); unverified here.
    id: "Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4",
    displayName: "Qwen2.5 72B Instruct GPTQ-Int4",
    config: qwen2({ ...SHAPE_72B_QUANT, torch_dtype: "float16", quantization_config: gptq(4) }),
  },
];
