/**
 * One real engine start-up mined from a public source: what was run, on what, and what the engine logged.
 * Every figure in `logged` is copied from a line in `logLines` (corpus.test.ts checks it); nothing is derived.
 * Sizes stay in the units the engine printed (vLLM's "GB" in "Loading model weights took" is bytes / 2^30).
 */
import { z } from "zod";

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const gib = z.number().finite();

/** Engine arguments as the command, the "non-default args" line or the engine config line states them. */
export const settingsSchema = z
  .object({
    tensorParallelSize: positiveInt,
    pipelineParallelSize: positiveInt,
    dataParallelSize: positiveInt,
    dtype: z.string(),
    maxModelLen: positiveInt,
    maxNumSeqs: positiveInt,
    maxNumBatchedTokens: positiveInt,
    gpuMemoryUtilization: z.number().gt(0).lte(1),
    quantization: z.string(),
    kvCacheDtype: z.string(),
    blockSize: positiveInt,
    enforceEager: z.boolean(),
    enableChunkedPrefill: z.boolean(),
    enablePrefixCaching: z.boolean(),
    swapSpaceGiB: z.number().nonnegative(),
    cpuOffloadGiB: z.number().nonnegative(),
    kvCacheMemoryBytes: positiveInt,
    numGpuBlocksOverride: positiveInt,
    speculativeConfig: z.string(),
    loadFormat: z.string(),
    kvTransferConfig: z.string(),
    limitMmPerPrompt: z.string(),
    /**
     * Which top-p/top-k sampler V1 ran, as its log says (topk_topp_sampler.py: "Using FlashInfer for top-p & top-k
     * sampling." or "FlashInfer is not available. Falling back to the PyTorch-native implementation"): FlashInfer is
     * in the official image but not in the pip wheels of 0.9.1–0.11.0, so the install decides the profile's peak.
     */
    flashinferSampler: z.boolean(),
    /**
     * The tensor-parallel group spans hosts, as the source says (Ray workers on different nodes): vLLM turns custom
     * all-reduce off there (custom_all_reduce.py: "this process group spans across nodes"), so NCCL's all-reduce is
     * the one captured in the CUDA graphs.
     */
    tensorParallelAcrossNodes: z.boolean(),
    /** TORCH_BLAS_PREFER_HIPBLASLT on the command line (ROCm): false = PyTorch's GEMMs through rocBLAS. */
    preferHipBlasLt: z.boolean(),
    // TGI launcher arguments
    numShard: positiveInt,
    quantize: z.string(),
    maxInputTokens: positiveInt,
    maxTotalTokens: positiveInt,
    maxBatchPrefillTokens: positiveInt,
    maxBatchTotalTokens: positiveInt,
    cudaMemoryFraction: z.number().gt(0).lte(1),
  })
  .partial()
  .strict();

/** What the engine printed, in its units. Absent = not in the log. */
export const loggedSchema = z
  .object({
    weightsGiB: gib.nonnegative(),
    totalGpuMemoryGiB: gib.positive(),
    freeGpuMemoryGiB: gib.nonnegative(),
    requestedMemoryGiB: gib.positive(),
    nonTorchGiB: gib,
    activationPeakGiB: gib,
    /** V0 0.6.4's single-line profile: peak_torch_memory (weights + activation peak). */
    peakTorchGiB: gib.nonnegative(),
    availableKvGiB: gib,
    gpuBlocks: nonNegativeInt,
    cpuBlocks: nonNegativeInt,
    kvCacheTokens: nonNegativeInt,
    maxConcurrency: z.number().nonnegative(),
    /** The L of "Maximum concurrency for L tokens per request". */
    maxConcurrencyForTokens: positiveInt,
    cudaGraphGiB: gib.nonnegative(),
    /** V0: "The model's max seq len (L) is larger than the maximum number of tokens that can be stored in KV cache (T)". */
    noFitMaxSeqLen: positiveInt,
    noFitKvTokens: nonNegativeInt,
    /** V1: "(A GiB KV cache is needed, which is larger than the available KV cache memory (B GiB) … estimated maximum model length is M". */
    noFitNeededGiB: gib.nonnegative(),
    noFitAvailableGiB: gib,
    noFitEstimatedMaxModelLen: nonNegativeInt,
    // TGI
    maxBatchTotalTokens: positiveInt,
    defaultMaxBatchPrefillTokens: positiveInt,
    kvCacheBlocks: nonNegativeInt,
    kvCacheBlockSize: positiveInt,
    /** TGI warmup failure: "Not enough memory to handle N total tokens with P prefill tokens". */
    tgiNoFitTotalTokens: positiveInt,
    tgiNoFitPrefillTokens: positiveInt,
  })
  .partial()
  .strict();

/** The fields of a Hugging Face config.json the estimator reads, for a model that is not in the catalog. */
export const hfConfigSchema = z
  .object({
    model_type: z.string(),
    num_hidden_layers: positiveInt,
    hidden_size: positiveInt,
    num_attention_heads: positiveInt,
    vocab_size: positiveInt,
  })
  .catchall(z.unknown());

export const modelSchema = z
  .object({
    /** The model as the source names it (Hugging Face id, or the local path the log shows). */
    id: z.string().min(1),
    /**
     * The fleetdeck catalog entry this model is (lib/catalog/models): the same repository, possibly under an
     * older name ("meta-llama/Meta-Llama-3.1-8B-Instruct") or a local path the source ties to it.
     */
    catalogId: z.string().min(1).optional(),
    /** config.json fields (abridged) for a model outside the catalog. */
    config: hfConfigSchema.optional(),
    configSource: z.string().min(1).optional(),
    /** Why the architecture could not be recorded. */
    configUnknown: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => [m.catalogId, m.config, m.configUnknown].filter((v) => v !== undefined).length === 1, {
    message:
      "give exactly one of `catalogId` (a catalog model), `config` (config.json fields) or `configUnknown` (why neither)",
  })
  .refine((m) => (m.config === undefined) === (m.configSource === undefined), {
    message: "`config` and `configSource` (where those config.json values were read) go together",
  });

export const gpuSchema = z
  .object({
    /** Marketing name, e.g. "A100 80GB", "RTX 4090", "H100 80GB HBM3"; null when the source does not say. */
    name: z.string().min(1).nullable(),
    /** GPUs the instance spans (tp × pp × dp); null when unknown. */
    count: positiveInt.nullable(),
    /** Total memory per GPU as the engine or nvidia-smi printed it, in GiB; null when not printed. */
    memoryGiB: z.number().positive().nullable(),
    /** How the name and memory are known: a quoted line or the source's own words. */
    evidence: z.string().min(1),
    /** The engine ran under WSL2 (Docker Desktop or a distro on Windows), as the evidence says. */
    wsl2: z.boolean().optional(),
  })
  .strict();

export const ENGINES = ["vllm", "tgi"] as const;
export const OUTCOMES = ["started", "kv-no-fit", "oom", "error"] as const;
export const SPLITS = ["fit", "holdout"] as const;

export const caseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "a lowercase slug: letters, digits, '.' and '-'"),
    source: z.url({ protocol: /^https$/ }),
    /** Which comment, file or section of the source holds the log. */
    sourceDetail: z.string().min(1),
    engine: z.enum(ENGINES),
    /** As exact as the source allows ("0.10.1.1", "0.8.5.dev169"), or a range ("0.6.4–0.6.4.post1"); null = unknown. */
    engineVersion: z.string().min(1).nullable(),
    engineVersionEvidence: z.string().min(1),
    /** The command, LLM(...) call, "non-default args" line or TGI `Args { … }` as the source shows it; null = not shown. */
    command: z.string().min(1).nullable(),
    /** vLLM's "Initializing … engine … with config: …" line (it may be cut where the source cut it). */
    engineConfig: z.string().min(1).optional(),
    settings: settingsSchema,
    gpu: gpuSchema,
    model: modelSchema,
    outcome: z.enum(OUTCOMES),
    logged: loggedSchema,
    /** Verbatim lines from the source, the only place the `logged` figures come from. */
    logLines: z.array(z.string().min(1)).min(1),
    usable: z.boolean(),
    whyNot: z.string().min(1).optional(),
    split: z.enum(SPLITS).optional(),
    notes: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.usable === (c.whyNot === undefined), {
    message: "`whyNot` is required exactly when `usable` is false",
    path: ["whyNot"],
  })
  .refine((c) => c.usable === (c.split !== undefined), {
    message: "`split` (fit | holdout) is required exactly when `usable` is true",
    path: ["split"],
  });

export type CalibrationCase = z.infer<typeof caseSchema>;
export type Logged = z.infer<typeof loggedSchema>;
