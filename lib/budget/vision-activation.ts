/**
 * What vLLM's profile run spends on a multimodal model's vision tower: dummy images of the largest size, as many as
 * the release profiles with, through the tower at once.
 *
 * - V0 (worker/model_runner.py profile_run): max_num_seqs is cut to max_num_batched_tokens // (tokens per image ×
 *   images per prompt), at least 1, and every sequence carries its images (--limit-mm-per-prompt, 1 by default).
 *   Encoder-decoder models (Mllama, enc_dec_model_runner.py) skip the cut: every one of max_num_seqs sequences
 *   carries an image.
 * - V1 (v1/worker/gpu_model_runner.py profile_run): cdiv(encoder budget, tokens per image) images, the encoder budget
 *   being max(max_num_batched_tokens, tokens per image), at most max_num_seqs × images per prompt (999 by default);
 *   their outputs stay in the encoder cache while the language model's dummy batch runs.
 *
 * Per patch, the tower's peak is the larger of two moments of a block (16-bit activations, sharded over TP like
 * vLLM's parallel linears):
 * - the MLP: the residual, the norm's output, the intermediate tensors (gate_up and its product when gated, fc1 and its
 *   activation otherwise) and the down projection's output, plus the hidden states a tower keeps for its projector
 *   (Mllama's five intermediate layers);
 * - the attention of a tower with rotary embeddings (Qwen VL): the residual, the norm's output, qkv, q/k/v made
 *   contiguous, and the rotary embedding's float32 copy of q (or k) with its float32 output and the cast back; under
 *   TP the full qkv is first all-gathered (the gathered shards and their concatenation);
 * - InternViT's attention when vLLM keeps it whole on every rank (heads that do not divide by TP): the residual, the
 *   norm's output, qkv, normalized q and k, the attention's and the projection's outputs.
 * Otherwise, without rotary embeddings, the attention holds less than the MLP.
 * Beside it, the images' pixel values: float32 from the processor, kept in the profile run's inputs throughout, and
 * the model-dtype copy the tower reads. Measured on an H200 with vLLM 0.9's Qwen2.5-VL tower mirrored in PyTorch
 * (bench/gpu/measure_vision_tower.py): 40,850 B per patch at 65,536 patches, where this says 40,336 (the rotary
 * tables, 0.5 KB per patch, are left out).
 */
import type { ModelArch, VisionTower } from "../catalog/types";
import { wholeVisionAttention } from "./params";
import { ceilDiv, count, gib } from "./units";

const V0_DEFAULT_ITEMS_PER_PROMPT = 1;
const V1_DEFAULT_ITEMS_PER_PROMPT = 999;
const BYTES = 2;

export interface VisionProfileRun {
  engine: "V0" | "V1";
  tp: number;
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  /** --limit-mm-per-prompt's image count, when set. */
  imagesPerPrompt?: number;
}

export interface VisionActivation {
  /** Peak of the tower's forward over the profiled images. */
  towerBytes: number;
  /** The images' embeddings and float32 pixel values, alive while the language model's dummy batch runs. */
  outputBytes: number;
  images: number;
  explanation: string;
}

function profiledImages(vision: VisionTower, run: VisionProfileRun, tokensPerItem: number): number {
  if (run.engine === "V0") {
    const perPrompt = run.imagesPerPrompt ?? V0_DEFAULT_ITEMS_PER_PROMPT;
    if (vision.crossAttention) return run.maxNumSeqs * perPrompt;
    const seqs = Math.max(
      1,
      Math.min(run.maxNumSeqs, Math.floor(run.maxNumBatchedTokens / (tokensPerItem * perPrompt))),
    );
    return seqs * perPrompt;
  }
  const perPrompt = run.imagesPerPrompt ?? V1_DEFAULT_ITEMS_PER_PROMPT;
  const budget = Math.max(run.maxNumBatchedTokens, tokensPerItem);
  return Math.min(ceilDiv(budget, tokensPerItem), run.maxNumSeqs * perPrompt);
}

const FLOAT32 = 4;

/** Bytes per patch at the tower's peak block moment, pixel values not included. */
function blockPeakPerPatch(vision: VisionTower, tp: number): number {
  const h = vision.hiddenSize;
  const i = ceilDiv(vision.intermediateSize, tp);
  const mlp = BYTES * (3 * h + (vision.gatedMlp ? 3 : 2) * i + vision.keptHiddenStates * h);
  const whole = vision.wholeAttentionUnlessDivisible;
  if (whole && wholeVisionAttention(vision, tp) > 0) {
    // InternSdpaAttention on every rank: the residual, the norm's output, qkv, normalized q and k, the attention's
    // output and the projection's.
    return Math.max(mlp, BYTES * (2 * h + 3 * h + (whole.qkNorm ? 2 * h : 0) + 2 * h));
  }
  if (!vision.rotaryAttention) return mlp;
  const local = h / tp;
  const rotary = BYTES * (2 * h + 6 * local + local) + 2 * FLOAT32 * local;
  const gather = tp > 1 ? BYTES * (2 * h + 3 * local + 6 * h) : 0;
  return Math.max(mlp, rotary, gather);
}

export function visionProfileActivation(arch: ModelArch, run: VisionProfileRun): VisionActivation | undefined {
  const vision = arch.vision;
  if (!vision?.patchesPerItem || !vision.tokensPerItem || run.imagesPerPrompt === 0) return undefined;
  const images = profiledImages(vision, run, vision.tokensPerItem);
  const patches = images * vision.patchesPerItem;
  const perPatch = blockPeakPerPatch(vision, run.tp);
  const pixelBytes = patches * vision.pixelValuesPerPatch * FLOAT32;
  const towerBytes = patches * (perPatch + vision.pixelValuesPerPatch * BYTES) + pixelBytes;
  const outputBytes = images * vision.tokensPerItem * arch.hiddenSize * BYTES + pixelBytes;
  return {
    towerBytes,
    outputBytes,
    images,
    explanation: `the vision tower on ${count(images)} dummy image${images === 1 ? "" : "s"} of ${count(vision.patchesPerItem)} patches (${gib(towerBytes)}: ${(perPatch / 1024).toFixed(0)} KiB per patch at its peak block, pixel values ${gib(pixelBytes)} in float32 kept throughout)`,
  };
}
