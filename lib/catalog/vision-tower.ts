/**
 * A multimodal model's vision tower, from its config.json `vision_config`.
 *
 * Parameters: a ViT of `depth` layers (attention 4·h², MLP 2·h·i, or 3·h·i when gated as in Qwen2.5-VL), the patch
 * embedding, learned position embeddings when the image size is fixed, and the projector into the language model
 * (Qwen's patch merger of merge² patches, else one linear). Norms and biases are left out (under 0.1 %). Checked
 * against the published totals: Qwen2.5-VL-7B's tower is 0.68 B (8.29 B − 7.62 B), Llama-3.2-11B-Vision's 0.88 B
 * (19.86 GiB logged by vLLM − the text model's 18.21 GiB).
 *
 * One image at the largest size the processor makes, which is what vLLM profiles with:
 * - Qwen2-VL / Qwen2.5-VL: max_pixels 12,845,056 (their preprocessor_config.json) in 28 × 28 merged tokens = 16,384
 *   tokens, each merged from spatial_merge_size² patches. Qwen3-VL: longest_edge 16,777,216 pixels in 32 × 32 merged
 *   tokens, again 16,384. A config that leaves out patch_size, spatial_merge_size or temporal_patch_size gets the
 *   defaults of transformers' config class (14 or 16, 2, 2), as the engine does when it loads it.
 * - Gemma 3: mm_tokens_per_image (256) tokens pooled from (image_size / patch_size)² patches.
 * - Mllama: max_num_tiles tiles of (image_size / patch_size)² + 1 patches, padded to a multiple of 8 (vLLM's
 *   MllamaVisionModel), feeding cross-attention layers.
 * - Other towers with a fixed image_size: one tile of (image_size / patch_size)² patches, one token each.
 */
import type { VisionTower } from "./types";

type VisionConfig = Record<string, unknown>;

/** Qwen2VLVisionConfig / Qwen2_5_VLVisionConfig / Qwen3VLVisionConfig defaults, and their processors' largest image. */
const QWEN_VL = {
  qwen3: { patch: 16, merge: 2, temporal: 2, maxPixels: 16_777_216 },
  qwen2: { patch: 14, merge: 2, temporal: 2, maxPixels: 12_845_056 },
} as const;
const GEMMA3_TOKENS_PER_IMAGE = 256;
/** InternVL's config defaults (InternVLChatConfig): 12 dynamic tiles, a thumbnail, pixel shuffle by 0.5. */
const INTERNVL_MAX_TILES = 12;
const INTERNVL_DOWNSAMPLE = 0.5;
/** Mllama's intermediate_layers_indices default: five layers' states ride along to the projector. */
const MLLAMA_INTERMEDIATE_LAYERS = 5;

const num = (v: VisionConfig, ...keys: string[]): number | undefined => {
  for (const key of keys) {
    const value = v[key];
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
};

/**
 * Qwen2.5-VL's and Pixtral's (Mistral 3) vision blocks use a gated SiLU MLP; Qwen2-VL, Qwen3-VL, CLIP, SigLIP,
 * InternViT and Mllama do not.
 */
const isGated = (types: string): boolean => /qwen2_5_vl|pixtral|mistral3/.test(types);

/** Mistral 3 merges spatial_merge_size² of Pixtral's patches into one token, a setting of the outer config. */
const outerMerge = (types: string, outer: VisionConfig): number | undefined =>
  /mistral3/.test(types) ? num(outer, "spatial_merge_size") : undefined;

/** The Qwen VL family: rotary position embeddings in the tower's attention, images cut into merged patch groups. */
function qwenVlFamily(types: string): (typeof QWEN_VL)[keyof typeof QWEN_VL] | undefined {
  if (/qwen3_vl/.test(types)) return QWEN_VL.qwen3;
  if (/qwen2_vl|qwen2_5_vl/.test(types)) return QWEN_VL.qwen2;
  return undefined;
}

/** Mllama's learned position embedding per supported aspect ratio (w × h tiles with w·h ≤ max), tile and patch. */
function tilePositionParams(maxTiles: number, patchesPerTile: number, h: number): number {
  let ratios = 0;
  for (let w = 1; w <= maxTiles; w++) ratios += Math.floor(maxTiles / w);
  return (ratios + 1) * maxTiles * patchesPerTile * h;
}

interface ImageShape {
  patchesPerItem?: number;
  tokensPerItem?: number;
  crossAttention: boolean;
}

function imageShape(v: VisionConfig, types: string, patch: number, merge: number, outer: VisionConfig): ImageShape {
  const imageSize = num(v, "image_size");
  const side = imageSize ? imageSize / patch : undefined;
  const qwen = qwenVlFamily(types);
  if (qwen) {
    const tokens = Math.floor(qwen.maxPixels / (patch * merge) ** 2);
    return { tokensPerItem: tokens, patchesPerItem: tokens * merge * merge, crossAttention: false };
  }
  if (/internvl/.test(types) && side) {
    // InternVL cuts an image into up to max_dynamic_patch tiles plus a thumbnail; each tile is a class token and
    // side² patches, pixel-shuffled by downsample_ratio into side² × ratio² tokens.
    const tiles =
      outer.dynamic_image_size === false
        ? 1
        : (num(outer, "max_dynamic_patch") ?? INTERNVL_MAX_TILES) + (outer.use_thumbnail === false ? 0 : 1);
    const ratio = num(outer, "downsample_ratio") ?? INTERNVL_DOWNSAMPLE;
    return {
      tokensPerItem: tiles * Math.round(side * side * ratio * ratio),
      patchesPerItem: tiles * (side * side + 1),
      crossAttention: false,
    };
  }
  const maxTiles = num(v, "max_num_tiles");
  if (maxTiles && side) {
    const perTile = Math.ceil((side * side + 1) / 8) * 8;
    return { tokensPerItem: maxTiles * perTile, patchesPerItem: maxTiles * perTile, crossAttention: true };
  }
  if (!side) return { crossAttention: false };
  if (/gemma3/.test(types)) {
    const tokens = num(outer, "mm_tokens_per_image") ?? GEMMA3_TOKENS_PER_IMAGE;
    return { tokensPerItem: tokens, patchesPerItem: side * side, crossAttention: false };
  }
  const merged = Math.floor(side / merge);
  return { tokensPerItem: merged * merged, patchesPerItem: side * side, crossAttention: false };
}

/** InternViT: vLLM's InternVisionEncoderLayer falls back to unsharded attention when heads % TP ≠ 0. */
function internVitAttention(v: VisionConfig, types: string, layers: number, h: number): Partial<VisionTower> {
  const heads = num(v, "num_attention_heads", "num_heads");
  if (!/intern_vit|internvl/.test(types) || heads === undefined) return {};
  return { wholeAttentionUnlessDivisible: { heads, params: layers * 4 * h * h, qkNorm: v.qk_normalization === true } };
}

export function visionTower(
  vision: unknown,
  outer: Record<string, unknown>,
  textHiddenSize: number,
): VisionTower | undefined {
  if (typeof vision !== "object" || vision === null || Array.isArray(vision)) return undefined;
  const v = vision as VisionConfig;
  const types = `${String(v.model_type ?? "")} ${String(outer.model_type ?? "")}`;
  const qwen = qwenVlFamily(types);
  // Qwen2-VL's vision_config says the tower's width as embed_dim and the projector's output as hidden_size.
  const h = qwen ? num(v, "embed_dim", "hidden_size") : num(v, "hidden_size", "embed_dim", "width");
  const depth = num(v, "depth", "num_hidden_layers", "num_layers");
  if (h === undefined || depth === undefined) return undefined;
  const gatedMlp = isGated(types);
  const layers = depth + (num(v, "num_global_layers") ?? 0);
  const mlpRatio = num(v, "mlp_ratio");
  const i = num(v, "intermediate_size") ?? (mlpRatio ? h * mlpRatio : 4 * h);
  const patch = num(v, "patch_size", "spatial_patch_size") ?? qwen?.patch ?? 14;
  const merge = num(v, "spatial_merge_size") ?? qwen?.merge ?? outerMerge(types, outer) ?? 1;
  const temporal = num(v, "temporal_patch_size") ?? qwen?.temporal ?? 1;
  const shape = imageShape(v, types, patch, merge, outer);
  const imageSize = num(v, "image_size");

  const perLayer = 4 * h * h + (gatedMlp ? 3 : 2) * h * i;
  const channels = num(v, "in_channels", "num_channels", "in_chans") ?? 3;
  const valuesPerPatch = channels * temporal * patch * patch;
  const patchEmbedding = valuesPerPatch * h;
  const maxTiles = num(v, "max_num_tiles");
  const side = imageSize ? imageSize / patch : 0;
  // Pixtral places patches with 2D rotary embeddings, no learned table.
  const learnedPositions = num(v, "num_position_embeddings") ?? (/pixtral/.test(types) ? 0 : side * side);
  const positions = maxTiles
    ? tilePositionParams(maxTiles, side * side + 1, h) + side * side * h
    : learnedPositions * h;
  const kept = shape.crossAttention ? MLLAMA_INTERMEDIATE_LAYERS : 0;
  const out = num(v, "out_hidden_size") ?? textHiddenSize;
  const merged = h * merge * merge;
  const projectorInput = num(v, "vision_output_dim") ?? (kept + 1) * h;
  // Qwen3-VL's deepstack layers each feed the language model through a merger of their own.
  const deepstack = Array.isArray(v.deepstack_visual_indexes) ? v.deepstack_visual_indexes.length : 0;
  // Qwen's merger: merged → merged → out; Mistral 3's: a patch merger merged → h, then h → out → out; InternVL's mlp1:
  // the pixel-shuffled width → out → out.
  const mergerParams = /mistral3/.test(types) ? merged * h + h * out + out * out : merged * merged + merged * out;
  const shuffled = h / (num(outer, "downsample_ratio") ?? INTERNVL_DOWNSAMPLE) ** 2;
  const projector = /internvl/.test(types)
    ? shuffled * out + out * out
    : (1 + deepstack) * (merge > 1 ? mergerParams : projectorInput * out);

  return {
    params: Math.round(layers * perLayer + patchEmbedding + positions + projector),
    hiddenSize: h,
    intermediateSize: i,
    gatedMlp,
    ...(shape.patchesPerItem ? { patchesPerItem: shape.patchesPerItem } : {}),
    ...(shape.tokensPerItem ? { tokensPerItem: shape.tokensPerItem } : {}),
    keptHiddenStates: kept,
    crossAttention: shape.crossAttention,
    rotaryAttention: qwen !== undefined,
    pixelValuesPerPatch: valuesPerPatch,
    ...internVitAttention(v, types, layers, h),
  };
}
