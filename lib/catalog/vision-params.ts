/**
 * Parameters of a multimodal model's vision tower and projector, from its config.json `vision_config`: a ViT of
 * `depth` layers (attention 4·h², MLP 2·h·i, or 3·h·i when gated as in Qwen2.5-VL), the patch embedding, learned
 * position embeddings when the image size is fixed, and the projector into the language model (Qwen's patch merger
 * of merge² patches, else one linear). Norms and biases are left out (under 0.1 %). Checked against the published
 * totals: Qwen2.5-VL-7B's tower is 0.68 B (8.29 B − 7.62 B), Llama-3.2-11B-Vision's 0.88 B (19.86 GiB logged by
 * vLLM − the text model's 18.21 GiB).
 */
type VisionConfig = Record<string, unknown>;

const num = (v: VisionConfig, ...keys: string[]): number | undefined => {
  for (const key of keys) {
    const value = v[key];
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
};

/** Qwen2.5-VL's (and later Qwen VL) vision blocks use a gated SiLU MLP; CLIP, SigLIP, InternViT and Mllama do not. */
const gatedMlp = (v: VisionConfig, outerModelType: string | undefined): boolean =>
  /qwen2_5_vl|qwen3_vl/.test(`${String(v.model_type ?? "")} ${outerModelType ?? ""}`);

/**
 * Mllama (Llama 3.2 Vision) cuts an image into up to `max_num_tiles` tiles and learns a position embedding per
 * supported aspect ratio (w × h tiles with w·h ≤ max), tile and patch (+ the class token); its projector reads the
 * last hidden state concatenated with five intermediate layers' (MllamaVisionConfig's intermediate_layers_indices).
 */
function tiledPositions(
  v: VisionConfig,
  h: number,
  patch: number,
  imageSize: number | undefined,
): { params: number; outputWidth?: number } {
  const maxTiles = num(v, "max_num_tiles");
  if (!maxTiles || !imageSize) return { params: 0 };
  let ratios = 0;
  for (let w = 1; w <= maxTiles; w++) ratios += Math.floor(maxTiles / w);
  const patchesPerTile = (imageSize / patch) ** 2 + 1;
  const intermediate = Array.isArray(v.intermediate_layers_indices) ? v.intermediate_layers_indices.length : 5;
  return { params: (ratios + 1) * maxTiles * patchesPerTile * h, outputWidth: (intermediate + 1) * h };
}

export function visionTowerParams(
  vision: unknown,
  outerModelType: string | undefined,
  textHiddenSize: number,
): number | undefined {
  if (typeof vision !== "object" || vision === null || Array.isArray(vision)) return undefined;
  const v = vision as VisionConfig;
  const h = num(v, "hidden_size", "embed_dim", "width");
  const depth = num(v, "depth", "num_hidden_layers", "num_layers");
  if (h === undefined || depth === undefined) return undefined;
  const layers = depth + (num(v, "num_global_layers") ?? 0);
  const mlpRatio = num(v, "mlp_ratio");
  const i = num(v, "intermediate_size") ?? (mlpRatio ? h * mlpRatio : 4 * h);
  const perLayer = 4 * h * h + (gatedMlp(v, outerModelType) ? 3 : 2) * h * i;
  const patch = num(v, "patch_size") ?? 14;
  const channels = num(v, "in_channels", "num_channels", "in_chans") ?? 3;
  const temporal = num(v, "temporal_patch_size") ?? 1;
  const patchEmbedding = channels * temporal * patch * patch * h;
  const imageSize = num(v, "image_size");
  const positions = imageSize ? (imageSize / patch) ** 2 * h : 0;
  const tiles = tiledPositions(v, h, patch, imageSize);
  const merge = num(v, "spatial_merge_size") ?? 1;
  const out = num(v, "out_hidden_size") ?? textHiddenSize;
  const merged = h * merge * merge;
  const projectorInput = num(v, "vision_output_dim") ?? tiles.outputWidth ?? h;
  const projector = merge > 1 ? merged * merged + merged * out : projectorInput * out;
  return Math.round(layers * perLayer + patchEmbedding + positions + tiles.params + projector);
}
