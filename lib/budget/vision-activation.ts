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
 * Per patch at the tower's MLP peak: the running and residual states (2 × hidden) and the MLP's intermediate tensors
 * (gate_up and its product when gated, fc1 and its activation otherwise; sharded over TP like vLLM's parallel
 * linears), plus the hidden states a tower keeps for its projector (Mllama's five intermediate layers), in 16 bit.
 */
import type { ModelArch, VisionTower } from "../catalog/types";
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
  /** The images' embeddings, alive while the language model's dummy batch runs. */
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

export function visionProfileActivation(arch: ModelArch, run: VisionProfileRun): VisionActivation | undefined {
  const vision = arch.vision;
  if (!vision?.patchesPerItem || !vision.tokensPerItem || run.imagesPerPrompt === 0) return undefined;
  const images = profiledImages(vision, run, vision.tokensPerItem);
  const h = vision.hiddenSize;
  const mlp = (vision.gatedMlp ? 3 : 2) * ceilDiv(vision.intermediateSize, run.tp);
  const perPatch = BYTES * (2 * h + mlp + vision.keptHiddenStates * h);
  const patches = images * vision.patchesPerItem;
  const towerBytes = patches * perPatch;
  const outputBytes = images * vision.tokensPerItem * arch.hiddenSize * BYTES;
  return {
    towerBytes,
    outputBytes,
    images,
    explanation: `the vision tower on ${count(images)} dummy image${images === 1 ? "" : "s"} of ${count(vision.patchesPerItem)} patches (${gib(towerBytes)}, ${(perPatch / 1024).toFixed(0)} KiB per patch)`,
  };
}
