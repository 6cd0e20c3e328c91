/**
 * llama.cpp's GGUF quantization types as vLLM keeps them on the GPU (its GGUF linear method stores the blocks as they
 * are in the file and dequantizes in the kernel). Bits per weight are the block formats' (ggml-common.h): Q4_0 packs 32
 * weights in 18 bytes, Q4_K 256 in 144, Q6_K 256 in 210, and so on.
 *
 * The `_S` / `_M` / `_L` file types mix block types: llama.cpp's quantizer (llama_tensor_get_type) gives the output
 * weight Q6_K and, in `_M` and `_L`, promotes attn_v and ffn_down of about half the layers (the first and last eighth,
 * then every third) to a larger type — Q6_K for Q4_K_M and Q5_K_M, Q5_K/Q4_K for Q3_K_M / Q3_K_L. ffn_down is a third of
 * a gated MLP, so about a sixth of the layer weights move up; the average below weighs them in.
 */
const BLOCK_BITS: Record<string, number> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q6_K: 6.5625,
  Q5_1: 6,
  Q5_0: 5.5,
  Q5_K: 5.5,
  Q4_1: 5,
  Q4_0: 4.5,
  Q4_K: 4.5,
  Q3_K: 3.4375,
  Q2_K: 2.625,
  IQ4_XS: 4.25,
  IQ4_NL: 4.5,
};

/** Share of a layer's weights a mixed file type stores in its larger type (attn_v and ffn_down of half the layers). */
const PROMOTED_SHARE = 1 / 6;

const MIXES: Record<string, { base: string; promoted?: string }> = {
  Q2_K: { base: "Q2_K", promoted: "Q3_K" },
  Q3_K_S: { base: "Q3_K" },
  Q3_K_M: { base: "Q3_K", promoted: "Q4_K" },
  Q3_K_L: { base: "Q3_K", promoted: "Q5_K" },
  Q4_K_S: { base: "Q4_K" },
  Q4_K_M: { base: "Q4_K", promoted: "Q6_K" },
  Q5_K_S: { base: "Q5_K" },
  Q5_K_M: { base: "Q5_K", promoted: "Q6_K" },
};

export const GGUF_TYPE_NAMES = [...new Set([...Object.keys(MIXES), ...Object.keys(BLOCK_BITS)])];

/** Average bits per quantized weight of a GGUF file type; undefined for a name llama.cpp does not use. */
export function ggufBitsPerWeight(type: string): number | undefined {
  const mix = MIXES[type];
  if (!mix) return BLOCK_BITS[type];
  const base = BLOCK_BITS[mix.base]!;
  const promoted = mix.promoted ? BLOCK_BITS[mix.promoted]! : base;
  return base * (1 - PROMOTED_SHARE) + promoted * PROMOTED_SHARE;
}

/** The output weight (lm_head) and, in vLLM, the token embedding of K-quant files: Q6_K. */
export const GGUF_OUTPUT_BITS = BLOCK_BITS.Q6_K!;
