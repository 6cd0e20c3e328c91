/**
 * How TGI releases size the KV cache after warm-up (server/text_generation_server/models/flash_causal_lm.py `warmup`,
 * utils/import_utils.py `get_free_memory`, models/globals.py, read per tag in huggingface/text-generation-inference):
 * `free = mem_get_info().free − (1 − fraction) × total`, whole blocks of `free // block_bytes`, plus the warm-up
 * batch's own blocks (already allocated, so they count as free again).
 */
import type { Instance } from "../vocabulary/layout-schema";
import { compareVersions } from "../vocabulary/version";
import { releaseOf } from "./vllm-profiles";

export type TgiProfileName =
  | "tgi-0.9"
  | "tgi-1"
  | "tgi-2.0"
  | "tgi-2.3"
  | "tgi-2.4"
  | "tgi-3.0"
  | "tgi-3.1"
  | "tgi-3.3";

export interface TgiProfile {
  name: TgiProfileName;
  since: string;
  summary: string;
  /** Multiplies the memory fraction: free = mem_free − (1 − fraction × this) × total (3.x). */
  fractionWiggle: number;
  /** Multiplies the free memory (2.x): blocks = free × this // block_bytes. */
  freeWiggle: number;
  /**
   * Whether the warm-up prefill asks for prefill logprobs, so the lm_head runs on every prompt token: always up to 2.4;
   * from 3.0 only with --enable-prefill-logprobs (REQUEST_LOGPROBS, flash_causal_lm.py: "This consumes so much memory
   * on long requests"), otherwise only each request's last token.
   */
  prefillLogprobs: boolean;
  /**
   * TGI 0.9.0–0.9.3 sized nothing: warmup() allocated ceil(max_batch_total_tokens / 16) + 10 blocks (the launcher's
   * default 16,000 tokens) and ran the warm-up prefill in them; "Not enough memory to handle N total tokens" when that
   * did not fit. From 0.9.4 the KV cache is inferred from the free memory.
   */
  fixedBatchTotalTokens?: number;
  /** ATTENTION default on CUDA ≥ 8.0 cards (launcher/src/main.rs). */
  defaultAttention: "paged" | "flashinfer";
  defaultLimits(maxPositions: number, kvTokens: number): { maxInputTokens: number; maxTotalTokens: number };
  defaultPrefillTokens(maxInputTokens: number, maxPositions: number): number;
}

/** 1.x launcher defaults: --max-input-length 1024, --max-total-tokens 2048. */
const v1Limits = () => ({ maxInputTokens: 1024, maxTotalTokens: 2048 });
/** 2.x launcher: min(max_position_embeddings, 4096) total, one less for the input (launcher/src/main.rs max_default). */
const v2Limits = (maxPositions: number) => {
  const total = Math.min(maxPositions, 4096);
  return { maxInputTokens: total - 1, maxTotalTokens: total };
};
/** 3.x: max_total_tokens = min(KV tokens, max_position_embeddings), max_input_tokens one less. */
const kvLimits = (maxPositions: number, kvTokens: number) => {
  const total = Math.max(2, Math.min(kvTokens, maxPositions));
  return { maxInputTokens: total - 1, maxTotalTokens: total };
};

const TGI_PROFILES: readonly TgiProfile[] = [
  {
    name: "tgi-0.9",
    since: "0.0.0",
    summary: "TGI 0.9.0–0.9.3: a fixed KV cache of --max-batch-total-tokens (16,000 by default), no inference",
    fractionWiggle: 1,
    freeWiggle: 1,
    prefillLogprobs: true,
    fixedBatchTotalTokens: 16_000,
    defaultAttention: "paged",
    defaultLimits: v1Limits,
    defaultPrefillTokens: () => 4096,
  },
  {
    name: "tgi-1",
    since: "0.9.4",
    summary: "TGI 0.9.4–1.4: all free memory under the fraction becomes KV blocks of 16",
    fractionWiggle: 1,
    freeWiggle: 1,
    prefillLogprobs: true,
    defaultAttention: "paged",
    defaultLimits: v1Limits,
    defaultPrefillTokens: () => 4096,
  },
  {
    name: "tgi-2.0",
    since: "2.0.0",
    summary: "TGI 2.0–2.2: 5 % of the free memory left as wiggle room",
    fractionWiggle: 1,
    freeWiggle: 0.95,
    prefillLogprobs: true,
    defaultAttention: "paged",
    defaultLimits: v2Limits,
    defaultPrefillTokens: (input) => input + 50,
  },
  {
    name: "tgi-2.3",
    since: "2.3.0",
    summary: "TGI 2.3: TGI_WIGGLE_ROOM 0.95 of the free memory; flashinfer attention (blocks of 1)",
    fractionWiggle: 1,
    freeWiggle: 0.95,
    prefillLogprobs: true,
    defaultAttention: "flashinfer",
    defaultLimits: v2Limits,
    defaultPrefillTokens: (input) => input + 50,
  },
  {
    name: "tgi-2.4",
    since: "2.4.0",
    summary: "TGI 2.4: TGI_WIGGLE_ROOM 0.90 of the free memory",
    fractionWiggle: 1,
    freeWiggle: 0.9,
    prefillLogprobs: true,
    defaultAttention: "flashinfer",
    defaultLimits: v2Limits,
    defaultPrefillTokens: (input) => input + 50,
  },
  {
    name: "tgi-3.0",
    since: "3.0.0",
    summary: "TGI 3.0: the fraction × 0.95 of the card; limits follow the KV cache",
    fractionWiggle: 0.95,
    freeWiggle: 1,
    prefillLogprobs: false,
    defaultAttention: "flashinfer",
    defaultLimits: kvLimits,
    defaultPrefillTokens: (_input, maxPositions) => Math.min(4096, maxPositions),
  },
  {
    name: "tgi-3.1",
    since: "3.1.0",
    summary: "TGI 3.1–3.2: the fraction × 0.93 of the card",
    fractionWiggle: 0.93,
    freeWiggle: 1,
    prefillLogprobs: false,
    defaultAttention: "flashinfer",
    defaultLimits: kvLimits,
    defaultPrefillTokens: (_input, maxPositions) => Math.min(4096, maxPositions),
  },
  {
    name: "tgi-3.3",
    since: "3.3.0",
    summary: "TGI 3.3+: the fraction × 0.90 of the card",
    fractionWiggle: 0.9,
    freeWiggle: 1,
    prefillLogprobs: false,
    defaultAttention: "flashinfer",
    defaultLimits: kvLimits,
    defaultPrefillTokens: (_input, maxPositions) => Math.min(4096, maxPositions),
  },
];

export function selectTgiProfile(version?: string): TgiProfile {
  const release = releaseOf(version);
  const newest = TGI_PROFILES[TGI_PROFILES.length - 1]!;
  if (!release) return newest;
  let chosen = TGI_PROFILES[0]!;
  for (const profile of TGI_PROFILES) if (compareVersions(release, profile.since) >= 0) chosen = profile;
  return chosen;
}

const BLOCK_SIZES = { paged: 16, flashdecoding: 256, flashinfer: 1 } as const;

/** Tokens per KV block: the ATTENTION backend's (paged on cards below compute capability 8.0). */
export function tgiBlockSize(profile: TgiProfile, tgi: Instance["tgi"], computeCapability?: number): number {
  const attention =
    tgi?.attention ?? (computeCapability !== undefined && computeCapability < 8 ? "paged" : profile.defaultAttention);
  return BLOCK_SIZES[attention];
}
