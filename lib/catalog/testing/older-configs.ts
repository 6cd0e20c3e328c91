/** config.json fields of older architectures, as their repositories write them, for parser and weight tests. */

/** bigcode/starcoderbase (GPT-BigCode): GPT-2 field names, multi-query attention, a two-matrix MLP. */
export const STARCODERBASE_CONFIG = {
  model_type: "gpt_bigcode",
  n_embd: 6144,
  n_layer: 40,
  n_head: 48,
  n_inner: 24576,
  n_positions: 8192,
  vocab_size: 49152,
  multi_query: true,
};

/** facebook/opt-125m: OPT names its MLP width ffn_dim. */
export const OPT_125M_CONFIG = {
  model_type: "opt",
  hidden_size: 768,
  ffn_dim: 3072,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  vocab_size: 50272,
  max_position_embeddings: 2048,
};
