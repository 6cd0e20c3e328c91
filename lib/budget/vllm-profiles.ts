import { compareVersions } from "../vocabulary/version";
import { GIB } from "../vocabulary/units";

export type VllmProfileName = "v0" | "v1-0.8" | "v1-0.9" | "v1-0.10" | "v1-0.11to0.20" | "v1-0.21plus";

/**
 * How one range of vLLM releases sizes memory. Releases in between pick the closest older profile.
 * Sources: vllm/engine/arg_utils.py (batch defaults), v1/worker/gpu_worker.py (profiling),
 * v1/core/kv_cache_utils.py (hybrid KV groups from 0.10), envs.py VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS
 * ("CUDA graph memory profiling is enabled (default since v0.21.0)").
 */
export interface VllmProfile {
  name: VllmProfileName;
  /** First release the profile describes. */
  since: string;
  summary: string;
  engine: "V0" | "V1";
  /** CUDA graph memory is estimated first and taken from the KV cache (≥ 0.21); before, graphs come on top of the budget. */
  cudaGraphsInBudget: boolean;
  /** Sliding-window layers get window-sized blocks (hybrid KV cache manager). */
  hybridKv: boolean;
  samplerBytesPerLogit: number;
  cudaGraphs: GraphCapture;
  defaults(input: BatchDefaultsInput): BatchDefaults;
}

/** What a release captures as CUDA graphs (lib/budget/overheads.ts turns it into bytes). */
export interface GraphCapture {
  /** Decode batch sizes captured (V0: 1, 2, 4, 8…256; V1 0.8–0.10: 67 sizes up to 512; 0.11+: 51). */
  sizes: number;
  largestBatch: number;
  /** torch.compile splits the model at attention: one graph per size and per piece (layers + 1). */
  piecewise: boolean;
  /** One graph of the whole model per size (V0; V1 0.11+ captures both kinds). */
  full: boolean;
}

export interface BatchDefaultsInput {
  gpuMemoryBytes: number;
  gpuName: string;
  maxModelLen: number;
}

export interface BatchDefaults {
  maxNumBatchedTokens: number;
  maxNumSeqs: number;
  /** Tokens of the profile run: max_num_batched_tokens, or max_model_len when V0 prefills without chunking. */
  profileTokens: number;
  chunkedPrefill: boolean;
}

/** V0 sampler working set per logit, fitted on Llama-3-8B: 1.26 GiB for 256 × 128,256 logits at TP 1 and 2. */
const V0_SAMPLER_BYTES_PER_LOGIT = 41;
/**
 * V1 dummy sampler run per logit: 38.0 ± 0.1 B measured on H100 for 256/1,024 rows × 128,256/152,064 vocab
 * (bench/results/h100-activation.json, vLLM's sampler op sequence in plain PyTorch).
 */
const V1_SAMPLER_BYTES_PER_LOGIT = 38;

const V0_GRAPHS: GraphCapture = { sizes: 35, largestBatch: 256, piecewise: false, full: true };
const V1_PIECEWISE_GRAPHS: GraphCapture = { sizes: 67, largestBatch: 512, piecewise: true, full: false };
const V1_FULL_AND_PIECEWISE_GRAPHS: GraphCapture = { sizes: 51, largestBatch: 512, piecewise: true, full: true };

const fixedDefaults = (tokens: number, seqs: number) => (): BatchDefaults => ({
  maxNumBatchedTokens: tokens,
  maxNumSeqs: seqs,
  profileTokens: tokens,
  chunkedPrefill: true,
});

/** get_batch_defaults (0.9+, API server): ≥ 70 GiB cards other than A100 get 8,192 tokens / 1,024 sequences. */
function gpuClassDefaults({ gpuMemoryBytes, gpuName }: BatchDefaultsInput): BatchDefaults {
  const big = gpuMemoryBytes >= 70 * GIB && !/a100/i.test(gpuName);
  return fixedDefaults(big ? 8192 : 2048, big ? 1024 : 256)();
}

/** V0: chunked prefill only past 32K context; otherwise one prefill of max_model_len tokens is profiled. */
function v0Defaults({ maxModelLen }: BatchDefaultsInput): BatchDefaults {
  if (maxModelLen > 32_768) return fixedDefaults(2048, 256)();
  const tokens = Math.max(maxModelLen, 2048);
  return { maxNumBatchedTokens: tokens, maxNumSeqs: 256, profileTokens: tokens, chunkedPrefill: false };
}

export const VLLM_PROFILES: readonly VllmProfile[] = [
  {
    name: "v0",
    since: "0.0.0",
    engine: "V0",
    summary: "V0 engine (0.2–0.7.x): profiles max_model_len tokens without chunked prefill; CUDA graphs on top",
    cudaGraphsInBudget: false,
    hybridKv: false,
    samplerBytesPerLogit: V0_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V0_GRAPHS,
    defaults: v0Defaults,
  },
  {
    name: "v1-0.8",
    since: "0.8.0",
    engine: "V1",
    summary: "V1 engine 0.8.x: 2,048 batched tokens / 256 sequences on every GPU; CUDA graphs on top",
    cudaGraphsInBudget: false,
    hybridKv: false,
    samplerBytesPerLogit: V1_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V1_PIECEWISE_GRAPHS,
    defaults: fixedDefaults(2048, 256),
  },
  {
    name: "v1-0.9",
    since: "0.9.0",
    engine: "V1",
    summary: "V1 0.9.x: batch defaults by GPU class; CUDA graphs on top",
    cudaGraphsInBudget: false,
    hybridKv: false,
    samplerBytesPerLogit: V1_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V1_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.10",
    since: "0.10.0",
    engine: "V1",
    summary:
      "V1 0.10: hybrid KV manager for sliding-window layers; piecewise CUDA graphs captured after KV, on top of the budget",
    cudaGraphsInBudget: false,
    hybridKv: true,
    samplerBytesPerLogit: V1_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V1_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.11to0.20",
    since: "0.11.0",
    engine: "V1",
    summary: "V1 0.11–0.20: full and piecewise CUDA graphs captured after KV, on top of the budget",
    cudaGraphsInBudget: false,
    hybridKv: true,
    samplerBytesPerLogit: V1_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V1_FULL_AND_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.21plus",
    since: "0.21.0",
    engine: "V1",
    summary: "V1 0.21+: CUDA graph memory estimated first and taken from the KV cache",
    cudaGraphsInBudget: true,
    hybridKv: true,
    samplerBytesPerLogit: V1_SAMPLER_BYTES_PER_LOGIT,
    cudaGraphs: V1_FULL_AND_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
];

const NEWEST = VLLM_PROFILES[VLLM_PROFILES.length - 1]!;

/** The profile of a release ("0.6.4", "0.11", "v0.8.5"); absent or unreadable = the newest. */
export function selectVllmProfile(version?: string): VllmProfile {
  const release = version?.match(/^v?(\d+(?:\.\d+){0,2})/)?.[1];
  if (!release) return NEWEST;
  let chosen = VLLM_PROFILES[0]!;
  for (const profile of VLLM_PROFILES) if (compareVersions(release, profile.since) >= 0) chosen = profile;
  return chosen;
}

export const findVllmProfile = (name: string): VllmProfile | undefined => VLLM_PROFILES.find((p) => p.name === name);
