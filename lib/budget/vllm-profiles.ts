import { compareVersions } from "../vocabulary/version";
import { GIB } from "../vocabulary/units";

export type VllmProfileName =
  | "v0-0.2"
  | "v0-0.2.5"
  | "v0-0.6.4"
  | "v0-0.6.5"
  | "v1-0.8"
  | "v1-0.9"
  | "v1-0.10"
  | "v1-0.11"
  | "v1-0.20plus"
  | "v1-0.28plus";

/**
 * What the profile run subtracts from total × gpu_memory_utilization before the rest becomes KV cache:
 * - torch-peak (≤ 0.2.4): `torch.cuda.max_memory_allocated()` only — weights and activation; NCCL and the CUDA
 *   context stay outside the budget (vllm#2031: "peak memory usage … is about 77.5GB" at 0.9 × 80 GB).
 * - device-used (0.2.5 – 0.6.3, vllm#2031): `total − mem_get_info().free` after the profile run: everything on the
 *   device, CUDA context, NCCL and the caching allocator's reserve included.
 * - peak-plus-non-torch (0.6.4 V0, vllm#9352; 0.8 V1 gpu_worker.py): torch's allocated peak plus everything the
 *   process holds outside torch (context and NCCL included).
 * - baseline-diff (V0 0.6.5+, vllm#10511; V1 0.9+): weights + the torch peak's increase + the non-torch increase
 *   since a snapshot taken after the CUDA context exists.
 */
export type MemoryAccounting = "torch-peak" | "device-used" | "peak-plus-non-torch" | "baseline-diff";

/** The sampler of the profile run's dummy pass, which sets its activation peak for most models. */
export type SamplerPath = "v0" | "native" | "triton" | "flashinfer";

export interface VllmProfile {
  name: VllmProfileName;
  /** First release the profile describes; each names the change that starts it. */
  since: string;
  summary: string;
  engine: "V0" | "V1";
  accounting: MemoryAccounting;
  /**
   * NCCL communicators count as non-torch memory the profile subtracts. True where the profile counts everything on the
   * device (≤ 0.6.4, V1 0.8). With a baseline snapshot they sit outside: V0 0.6.5+ and V1 0.9–0.10 create them at
   * start-up (vllm#25359 reports them landing after the snapshot only in a thread race under Ray; the corpus's 0.10.1.1
   * TP 2 start-ups under Ray fit them outside), and 0.11 (vllm#25359) snapshots after NCCL on purpose.
   */
  ncclInBudget: boolean;
  /**
   * CUDA graph memory is estimated first and taken from the KV cache (vllm#30515, on by default from 0.20: a 0.20.0
   * log prints "CUDA graph memory profiling is enabled" and sizes the KV cache without the estimate); before, graphs
   * come on top.
   */
  cudaGraphsInBudget: boolean;
  /** Sliding-window layers get window-sized blocks (hybrid KV cache manager, 0.10+). */
  hybridKv: boolean;
  cudaGraphs: GraphCaptureRule;
  defaults(input: BatchDefaultsInput): BatchDefaults;
}

/** How a release picks the batch sizes it captures as CUDA graphs (VllmConfig._set_cudagraph_sizes). */
export interface GraphCaptureRule {
  /** torch.compile splits the model at attention: one graph per size and per piece (layers + 1). */
  piecewise: boolean;
  /** One graph of the whole model per decode size (V0; V1 0.11+ captures both kinds). */
  full: boolean;
  /**
   * The largest size captured by default: V0 up to max_num_seqs (at most 256); V1 0.8–0.9 512; V1 0.10+
   * min(2 × max_num_seqs × tokens per decode step, 512).
   */
  largest: "v0" | "fixed-512" | "twice-max-num-seqs";
  /** The size list: 1, 2, 4 and every 8 up to the largest (≤ 0.10); from 0.11 every 16 from 256 on. */
  step16From256: boolean;
}

/** What one instance captures (lib/budget/overheads.ts turns it into bytes). */
export interface GraphCapture {
  /** Piecewise graphs: one set per size, mixed prefill–decode batches up to the largest size. */
  piecewiseSizes: number;
  /** Whole-model graphs: one per size of a pure-decode batch (≤ max_num_seqs × tokens per decode step). */
  fullSizes: number;
  largestBatch: number;
}

export interface BatchDefaultsInput {
  gpuMemoryBytes: number;
  gpuName: string;
  maxModelLen: number;
  /** --enable-chunked-prefill as given (V0 only); undefined = the release's default. */
  chunkedPrefill?: boolean;
}

export interface BatchDefaults {
  maxNumBatchedTokens: number;
  maxNumSeqs: number;
  /** Tokens of the profile run: max_num_batched_tokens, or max_model_len when V0 prefills without chunking. */
  profileTokens: number;
  chunkedPrefill: boolean;
}

const V0_GRAPHS: GraphCaptureRule = { piecewise: false, full: true, largest: "v0", step16From256: false };
const V1_PIECEWISE_GRAPHS: GraphCaptureRule = {
  piecewise: true,
  full: false,
  largest: "fixed-512",
  step16From256: false,
};
/** vllm#20628 (0.10): the largest default size is min(2 × max_num_seqs, 512). */
const V1_0_10_GRAPHS: GraphCaptureRule = { ...V1_PIECEWISE_GRAPHS, largest: "twice-max-num-seqs" };
const V1_FULL_AND_PIECEWISE_GRAPHS: GraphCaptureRule = {
  piecewise: true,
  full: true,
  largest: "twice-max-num-seqs",
  step16From256: true,
};

const fixedDefaults = (tokens: number, seqs: number) => (): BatchDefaults => ({
  maxNumBatchedTokens: tokens,
  maxNumSeqs: seqs,
  profileTokens: tokens,
  chunkedPrefill: true,
});

const isBigGpu = ({ gpuMemoryBytes, gpuName }: BatchDefaultsInput): boolean =>
  gpuMemoryBytes >= 70 * GIB && !/a100/i.test(gpuName);

/** get_batch_defaults (0.9+, API server): ≥ 70 GiB cards other than A100 get 8,192 tokens / 1,024 sequences. */
function gpuClassDefaults(input: BatchDefaultsInput): BatchDefaults {
  const big = isBigGpu(input);
  return fixedDefaults(big ? 8192 : 2048, big ? 1024 : 256)();
}

/** 0.28 (vllm#51726): those big cards get 16,384 tokens. */
function gpuClassDefaults028(input: BatchDefaultsInput): BatchDefaults {
  const big = isBigGpu(input);
  return fixedDefaults(big ? 16_384 : 2048, big ? 1024 : 256)();
}

/**
 * V0 (SchedulerConfig): without chunked prefill one prefill of max(max_model_len, 2,048) tokens is profiled; chunked
 * prefill (on by default past 32K context from 0.5, or asked for) profiles 2,048 tokens.
 */
function v0Defaults({ maxModelLen, chunkedPrefill }: BatchDefaultsInput): BatchDefaults {
  if (chunkedPrefill ?? maxModelLen > 32_768) return fixedDefaults(2048, 256)();
  const tokens = Math.max(maxModelLen, 2048);
  return { maxNumBatchedTokens: tokens, maxNumSeqs: 256, profileTokens: tokens, chunkedPrefill: false };
}

const V0_BASE = {
  engine: "V0",
  cudaGraphsInBudget: false,
  hybridKv: false,
  cudaGraphs: V0_GRAPHS,
  defaults: v0Defaults,
} as const;

export const VLLM_PROFILES: readonly VllmProfile[] = [
  {
    ...V0_BASE,
    name: "v0-0.2",
    since: "0.0.0",
    summary: "V0 ≤ 0.2.4: the profile counts torch's allocated peak only; NCCL and the CUDA context come on top",
    accounting: "torch-peak",
    ncclInBudget: false,
  },
  {
    ...V0_BASE,
    name: "v0-0.2.5",
    since: "0.2.5",
    summary: "V0 0.2.5–0.6.3 (vllm#2031): everything on the device after profiling counts, context and NCCL included",
    accounting: "device-used",
    ncclInBudget: true,
  },
  {
    ...V0_BASE,
    name: "v0-0.6.4",
    since: "0.6.4",
    summary: "V0 0.6.4 (vllm#9352): torch's peak plus all non-torch memory of the process, context included",
    accounting: "peak-plus-non-torch",
    ncclInBudget: true,
  },
  {
    ...V0_BASE,
    name: "v0-0.6.5",
    since: "0.6.5",
    summary: "V0 0.6.5+ (vllm#10511): weights + activation increase + non-torch increase since a baseline snapshot",
    accounting: "baseline-diff",
    ncclInBudget: false,
  },
  {
    name: "v1-0.8",
    since: "0.8.0",
    engine: "V1",
    summary:
      "V1 0.8: torch's peak plus all non-torch memory (context, NCCL); 2,048 tokens / 256 sequences; graphs on top",
    accounting: "peak-plus-non-torch",
    ncclInBudget: true,
    cudaGraphsInBudget: false,
    hybridKv: false,
    cudaGraphs: V1_PIECEWISE_GRAPHS,
    defaults: fixedDefaults(2048, 256),
  },
  {
    name: "v1-0.9",
    since: "0.9.0",
    engine: "V1",
    summary:
      "V1 0.9: weights + activation + non-torch increase since a baseline snapshot; batch defaults by GPU class; graphs on top",
    accounting: "baseline-diff",
    ncclInBudget: false,
    cudaGraphsInBudget: false,
    hybridKv: false,
    cudaGraphs: V1_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.10",
    since: "0.10.0",
    engine: "V1",
    summary: "V1 0.10: hybrid KV manager for sliding-window layers; graphs on top",
    accounting: "baseline-diff",
    ncclInBudget: false,
    cudaGraphsInBudget: false,
    hybridKv: true,
    cudaGraphs: V1_0_10_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.11",
    since: "0.11.0",
    engine: "V1",
    summary:
      "V1 0.11–0.19 (vllm#25359): NCCL starts before the snapshot, outside the budget; full and piecewise graphs on top",
    accounting: "baseline-diff",
    ncclInBudget: false,
    cudaGraphsInBudget: false,
    hybridKv: true,
    cudaGraphs: V1_FULL_AND_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.20plus",
    since: "0.20.0",
    engine: "V1",
    summary:
      "V1 0.20+: CUDA graph memory estimated first and taken from the KV cache (vllm#38284, which also raised the default gpu_memory_utilization to 0.92)",
    accounting: "baseline-diff",
    ncclInBudget: false,
    cudaGraphsInBudget: true,
    hybridKv: true,
    cudaGraphs: V1_FULL_AND_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults,
  },
  {
    name: "v1-0.28plus",
    since: "0.28.0",
    engine: "V1",
    summary: "V1 0.28+: as 0.20, with 16,384 batched tokens by default on ≥ 70 GiB cards (vllm#51726)",
    accounting: "baseline-diff",
    ncclInBudget: false,
    cudaGraphsInBudget: true,
    hybridKv: true,
    cudaGraphs: V1_FULL_AND_PIECEWISE_GRAPHS,
    defaults: gpuClassDefaults028,
  },
];

const NEWEST = VLLM_PROFILES[VLLM_PROFILES.length - 1]!;
const V0_LAST = VLLM_PROFILES.find((p) => p.name === "v0-0.6.5")!;

/** The leading release of a version string ("0.6.4", "v0.8.5.dev169", "0.2.4+main"); undefined = unreadable. */
export const releaseOf = (version?: string): string | undefined => version?.match(/^v?(\d+(?:\.\d+){0,2})/)?.[1];

/**
 * The profile of a release; absent or unreadable = the newest. `useV1: false` (VLLM_USE_V1=0, 0.8–0.10) runs the V0
 * engine, whose last profile applies.
 */
export function selectVllmProfile(version?: string, useV1?: boolean): VllmProfile {
  const release = releaseOf(version);
  let chosen = release ? VLLM_PROFILES[0]! : NEWEST;
  if (release) for (const profile of VLLM_PROFILES) if (compareVersions(release, profile.since) >= 0) chosen = profile;
  if (useV1 === false && chosen.engine === "V1") return V0_LAST;
  return chosen;
}

/**
 * V1 of 0.8.0–0.10.1 needs FlashAttention, so a card below compute capability 8.0 (V100, T4, RTX 20xx) runs V0 instead
 * ("Compute Capability < 8.0 is not supported by the V1 Engine. Falling back to V0."); vllm#23614 (0.10.2) lets V1 run
 * there with FlexAttention.
 */
export function v1FallsBackToV0(version: string | undefined, computeCapability: number | undefined): boolean {
  const release = releaseOf(version);
  if (!release || computeCapability === undefined || computeCapability >= 8) return false;
  return compareVersions(release, "0.8.0") >= 0 && compareVersions(release, "0.10.2") < 0;
}

/** vLLM's CUDA kernels are built for compute capability 7.0 and newer (Volta); older cards have no kernel image. */
export const VLLM_MIN_COMPUTE_CAPABILITY = 7.0;

export const findVllmProfile = (name: string): VllmProfile | undefined => VLLM_PROFILES.find((p) => p.name === name);

/** Bytes per logit of each sampler path's working set (the dummy sampler run of the profile). */
export const SAMPLER_BYTES_PER_LOGIT: Record<SamplerPath, number> = {
  /**
   * V0's sampler does the same fp32 copy, softmax and top-k/top-p sort as V1's native path (the profile run asks for
   * top_p 0.99, top_k vocab − 1), so it takes the same 38 B measured there.
   */
  v0: 38,
  /** V1 PyTorch top-k/top-p (sort based): 38.0 ± 0.1 B measured on H100 (bench/results/h100-activation.json). */
  native: 38,
  /**
   * Triton top-k/top-p kernels (vllm#33538, 0.17; used from 8 rows on, as in the profile run): vllm#33538 benchmarks
   * 1.5 GB against the sort path's 5.0 GB for 1,024 rows of a 131K vocabulary, so 0.3 × the native 38 B.
   */
  triton: 11,
  /** FlashInfer's fused top-k/top-p kernel on an fp32 copy: ≈ 14 B (emulated on H100, same file). */
  flashinfer: 14,
};

/**
 * Which sampler Model Runner V1's dummy run takes, by release (the env var VLLM_USE_FLASHINFER_SAMPLER overrides):
 * 0.8.x native (vllm#14815 turned FlashInfer off for flashinfer ≥ 0.2.3); 0.9.1 FlashInfer wherever it is installed,
 * as in the official image (vllm#15777); 0.11 native (vllm#26859 turned it off by default in 0.11.1; the corpus's
 * 0.11.0 logs already show the native sampler's 38 B per logit); 0.17 Triton kernels (vllm#33538); 0.21 FlashInfer
 * again (vllm#40376, in the 0.21.0 release notes).
 */
export function samplerPath(
  profile: VllmProfile,
  version: string | undefined,
  flashinferSampler?: boolean,
): SamplerPath {
  if (profile.engine === "V0") return "v0";
  const release = releaseOf(version);
  const at = (since: string) => !release || compareVersions(release, since) >= 0;
  const withoutFlashinfer: SamplerPath = at("0.17.0") ? "triton" : "native";
  if (flashinferSampler !== undefined) return flashinferSampler ? "flashinfer" : withoutFlashinfer;
  if (at("0.21.0")) return "flashinfer";
  if (at("0.11.0")) return withoutFlashinfer;
  if (at("0.9.1")) return "flashinfer";
  return "native";
}

/**
 * 0.9.1–0.10.x sample with FlashInfer only where it is installed: the official image has it, the pip wheels do not
 * (vllm#21959 made it an extra; vllm#26443 a dependency again from 0.11.1, when vllm#26859 had turned the sampler off).
 * The corpus's logs say both ("Using FlashInfer for top-p & top-k sampling." / "FlashInfer is not available").
 */
export function samplerDependsOnInstall(
  profile: VllmProfile,
  version: string | undefined,
  flashinferSampler?: boolean,
): boolean {
  const release = releaseOf(version);
  if (profile.engine === "V0" || flashinferSampler !== undefined || !release) return false;
  return compareVersions(release, "0.9.1") >= 0 && compareVersions(release, "0.11.0") < 0;
}
