import { z } from "zod";

/**
 * The parts of a Hugging Face `config.json` the catalog reads. Every field is optional here:
 * which ones are required depends on the model family and is checked in hf-config.ts, where the
 * error can name the field and say what to do. Unknown keys pass through untouched.
 */

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const hfRopeScalingSchema = z.looseObject({
  type: z.string().optional(),
  rope_type: z.string().optional(),
  factor: z.number().positive().optional(),
  original_max_position_embeddings: positiveInt.optional(),
});
export type HfRopeScaling = z.infer<typeof hfRopeScalingSchema>;

const compressedTensorsGroupSchema = z.looseObject({
  targets: z.array(z.string()).optional(),
  weights: z
    .looseObject({
      num_bits: positiveInt.optional(),
      type: z.string().optional(),
      group_size: z.number().int().nullish(),
      strategy: z.string().optional(),
    })
    .nullish(),
  input_activations: z.looseObject({ num_bits: positiveInt.optional() }).nullish(),
});

export const hfQuantizationConfigSchema = z.looseObject({
  quant_method: z.string().optional(),
  bits: z.number().positive().optional(),
  w_bit: z.number().positive().optional(),
  group_size: z.number().int().optional(),
  q_group_size: z.number().int().optional(),
  desc_act: z.boolean().optional(),
  lm_head: z.boolean().optional(),
  modules_to_not_convert: z.array(z.string()).nullish(),
  ignored_layers: z.array(z.string()).nullish(),
  weight_block_size: z.array(positiveInt).nullish(),
  config_groups: z.record(z.string(), compressedTensorsGroupSchema).optional(),
  ignore: z.array(z.string()).nullish(),
  load_in_4bit: z.boolean().optional(),
  load_in_8bit: z.boolean().optional(),
  llm_int8_skip_modules: z.array(z.string()).nullish(),
  /** fleetdeck's own field for a GGUF file: its llama.cpp type, e.g. "Q4_K_M". */
  gguf_type: z.string().optional(),
});
export type HfQuantizationConfig = z.infer<typeof hfQuantizationConfigSchema>;

/** The language-model fields; `text_config` of multimodal configs has the same shape. */
export const hfTextConfigSchema = z.looseObject({
  architectures: z.array(z.string()).nullish(),
  model_type: z.string().optional(),
  num_hidden_layers: positiveInt.optional(),
  hidden_size: positiveInt.optional(),
  num_attention_heads: positiveInt.optional(),
  num_key_value_heads: positiveInt.nullish(),
  head_dim: positiveInt.nullish(),
  intermediate_size: positiveInt.optional(),
  vocab_size: positiveInt.optional(),
  tie_word_embeddings: z.boolean().optional(),
  max_position_embeddings: positiveInt.optional(),
  rope_scaling: hfRopeScalingSchema.nullish(),
  rope_parameters: hfRopeScalingSchema.nullish(),
  torch_dtype: z.string().nullish(),
  dtype: z.string().nullish(),
  sliding_window: positiveInt.nullish(),
  use_sliding_window: z.boolean().optional(),
  max_window_layers: nonNegativeInt.optional(),
  sliding_window_pattern: positiveInt.nullish(),
  _sliding_window_pattern: positiveInt.nullish(),
  layer_types: z.array(z.string()).nullish(),
  num_experts: nonNegativeInt.nullish(),
  num_local_experts: nonNegativeInt.nullish(),
  n_routed_experts: nonNegativeInt.nullish(),
  num_experts_per_tok: nonNegativeInt.nullish(),
  n_shared_experts: nonNegativeInt.nullish(),
  shared_expert_intermediate_size: nonNegativeInt.nullish(),
  moe_intermediate_size: positiveInt.nullish(),
  first_k_dense_replace: nonNegativeInt.nullish(),
  kv_lora_rank: positiveInt.nullish(),
  q_lora_rank: positiveInt.nullish(),
  qk_rope_head_dim: positiveInt.nullish(),
  qk_nope_head_dim: positiveInt.nullish(),
  v_head_dim: positiveInt.nullish(),
  quantization_config: hfQuantizationConfigSchema.nullish(),
});
export type HfTextConfig = z.infer<typeof hfTextConfigSchema>;

/** The language model of a multimodal config: `text_config`, InternVL's `llm_config`, DeepSeek-VL2's `language_config`. */
export const hfConfigSchema = hfTextConfigSchema.extend({
  text_config: hfTextConfigSchema.nullish(),
  llm_config: hfTextConfigSchema.nullish(),
  language_config: hfTextConfigSchema.nullish(),
});
export type HfConfig = z.infer<typeof hfConfigSchema>;
