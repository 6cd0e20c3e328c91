import { z } from "zod";

/**
 * The Layout: the single source of truth for a plan. Validates forms, server actions,
 * share links, API input and CLI input. Sizes are integer bytes.
 */

export const ENGINES = ["vllm", "tgi"] as const;
export const engineSchema = z.enum(ENGINES);
export type Engine = z.infer<typeof engineSchema>;

const slug = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    "use 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit",
  );

const bytes = z.number().int().nonnegative();

export const gpuSlotSchema = z.object({
  index: z.number().int().min(0).max(63),
  /** Catalog GPU id (lib/catalog/gpus), or "custom" with memoryBytes. */
  gpuId: z.string().min(1),
  memoryBytes: bytes.optional(),
  /** GPUs sharing a number are joined by NVLink/NVSwitch. */
  nvlinkGroup: z.number().int().min(0).optional(),
});
export type GpuSlot = z.infer<typeof gpuSlotSchema>;

export const hostSchema = z.object({
  id: slug,
  name: z.string().min(1).max(120),
  gpus: z.array(gpuSlotSchema).max(64),
  ramBytes: bytes,
  cpuCores: z.number().int().min(1).max(4096),
  labels: z.record(z.string(), z.string()).default({}),
  /** A planned host bound to a real, registered host (runtime). */
  boundHostId: z.string().optional(),
  /** Its GPUs are reached through WSL2 (Docker Desktop on Windows), which keeps more memory outside torch. */
  wsl2: z.boolean().optional(),
});
export type Host = z.infer<typeof hostSchema>;

export const ropeScalingSchema = z.object({
  type: z.enum(["yarn", "linear", "dynamic"]),
  factor: z.number().positive().max(64),
  originalMaxPositionEmbeddings: z.number().int().positive().optional(),
});

export const placementSchema = z.object({
  hostId: slug,
  gpuIndices: z.array(z.number().int().min(0).max(63)).min(1).max(64),
});
export type Placement = z.infer<typeof placementSchema>;

export const limitsSchema = z.object({
  memoryBytes: bytes.optional(),
  cpus: z.number().positive().max(4096).optional(),
  shmBytes: bytes.optional(),
});

const positiveInt = z.number().int().positive();

export const TGI_ATTENTION_BACKENDS = ["paged", "flashdecoding", "flashinfer"] as const;

export const tgiSettingsSchema = z.object({
  cudaMemoryFraction: z.number().gt(0).max(1).default(1),
  maxInputTokens: positiveInt.optional(),
  maxTotalTokens: positiveInt.optional(),
  maxBatchPrefillTokens: positiveInt.optional(),
  maxBatchTotalTokens: positiveInt.optional(),
  /** The `ATTENTION` env var: paged (blocks of 16), flashdecoding (256) or flashinfer (1, the 3.x default). */
  attention: z.enum(TGI_ATTENTION_BACKENDS).optional(),
  /** `--cuda-graphs`: batch sizes captured; [] = none. */
  cudaGraphs: z.array(positiveInt).max(64).optional(),
  /** `--enable-prefill-logprobs` (TGI ≥ 3.0 computes prefill logprobs only when asked; earlier releases always do). */
  prefillLogprobs: z.boolean().optional(),
});

export const VLLM_BLOCK_SIZES = [1, 8, 16, 32, 64, 128, 256] as const;

/**
 * vLLM flags that change memory beyond the common instance fields. Each mirrors one `vllm serve` flag or env var;
 * absent = the release's default.
 */
export const vllmSettingsSchema = z.object({
  /** --block-size (tokens per KV block). */
  blockSize: z.union(VLLM_BLOCK_SIZES.map((n) => z.literal(n))).optional(),
  /** --pipeline-parallel-size: the instance spans tp × pp GPUs; each stage holds its share of the layers. */
  pipelineParallelSize: z.number().int().min(1).max(64).optional(),
  /** --kv-cache-memory-bytes (≥ 0.10.2): KV cache size per GPU, instead of gpu_memory_utilization's share. */
  kvCacheMemoryBytes: bytes.optional(),
  /** --num-gpu-blocks-override. */
  numGpuBlocksOverride: positiveInt.optional(),
  /** --cpu-offload-gb, in bytes: weights kept in host memory and streamed in. */
  cpuOffloadBytes: bytes.optional(),
  /** --swap-space, in bytes (V0: CPU blocks in host memory). */
  swapSpaceBytes: bytes.optional(),
  /** --enable-chunked-prefill / --no-enable-chunked-prefill (V0: decides the profiled batch). */
  enableChunkedPrefill: z.boolean().optional(),
  enablePrefixCaching: z.boolean().optional(),
  /** --max-seq-len-to-capture (until 0.11). */
  maxSeqLenToCapture: positiveInt.optional(),
  /** --cuda-graph-sizes or compilation-config cudagraph_capture_sizes: the batch sizes captured. */
  cudaGraphSizes: z.array(positiveInt).max(1024).optional(),
  /** --enable-lora with --max-loras / --max-lora-rank / --max-cpu-loras. */
  lora: z
    .object({
      maxLoras: positiveInt.default(1),
      maxLoraRank: positiveInt.default(16),
      maxCpuLoras: positiveInt.optional(),
    })
    .optional(),
  /** --speculative-config: a draft model (its weights and KV), EAGLE/MTP heads, or n-gram lookup (no memory). */
  speculative: z
    .object({
      method: z.string().min(1).max(40).optional(),
      model: z.string().min(1).max(200).optional(),
      numSpeculativeTokens: positiveInt.max(64),
    })
    .optional(),
  /** --limit-mm-per-prompt, e.g. {"image": 2}: multimodal items per prompt the encoder is profiled with. */
  limitMmPerPrompt: z.record(z.string(), z.number().int().nonnegative()).optional(),
  calculateKvScales: z.boolean().optional(),
  /** --enable-expert-parallel: MoE experts go whole to ranks instead of being split across the TP group. */
  expertParallel: z.boolean().optional(),
  disableCustomAllReduce: z.boolean().optional(),
  /** VLLM_USE_V1=0|1 (0.8–0.10 let people pick the engine). */
  useV1: z.boolean().optional(),
  /** VLLM_USE_FLASHINFER_SAMPLER=0|1. */
  flashinferSampler: z.boolean().optional(),
  /** VLLM_USE_V2_MODEL_RUNNER=0|1 (0.22+ pick Model Runner V2 by model family, then for every model). */
  modelRunnerV2: z.boolean().optional(),
  /** VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0|1: take the CUDA graphs' estimate from the budget (0.18+; on from 0.20). */
  estimateCudaGraphs: z.boolean().optional(),
  /** TORCH_BLAS_PREFER_HIPBLASLT=0|1: PyTorch's GEMMs through hipBLASLt (its default on MI300-class cards) or rocBLAS. */
  preferHipBlasLt: z.boolean().optional(),
});
export type VllmSettings = z.infer<typeof vllmSettingsSchema>;

export const instanceSchema = z.object({
  id: slug,
  name: z.string().max(120).optional(),
  engine: engineSchema,
  /** Engine release, e.g. "0.11.0" for vLLM, "3.3.5" for TGI; absent = newest profile. */
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?/, "use a release number such as 0.11.0")
    .optional(),
  /** Catalog id or Hugging Face repo id. */
  model: z.string().min(1).max(200),
  /** A pasted config.json when the model is not in the catalog. */
  modelConfig: z.record(z.string(), z.unknown()).optional(),
  /** Engine quantization value (vLLM --quantization / TGI --quantize); absent = auto-detect. */
  quantization: z.string().min(1).max(40).optional(),
  dtype: z.enum(["auto", "bfloat16", "float16", "half", "float32"]).default("auto"),
  kvCacheDtype: z.enum(["auto", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fn"]).default("auto"),
  tp: z.number().int().min(1).max(64).default(1),
  maxModelLen: z.number().int().positive().optional(),
  ropeScaling: ropeScalingSchema.optional(),
  gpuMemoryUtilization: z.number().gt(0).max(1).default(0.9),
  maxNumSeqs: z.number().int().positive().optional(),
  maxNumBatchedTokens: z.number().int().positive().optional(),
  enforceEager: z.boolean().default(false),
  tgi: tgiSettingsSchema.optional(),
  vllm: vllmSettingsSchema.optional(),
  placement: placementSchema.nullable().default(null),
  limits: limitsSchema.default({}),
  port: z.number().int().min(1).max(65535).optional(),
});
export type Instance = z.infer<typeof instanceSchema>;
export type InstanceInput = z.input<typeof instanceSchema>;

export const LAYOUT_SCHEMA_VERSION = 1;

export const layoutSchema = z.object({
  schemaVersion: z.literal(LAYOUT_SCHEMA_VERSION).default(LAYOUT_SCHEMA_VERSION),
  name: z.string().min(1).max(120),
  hosts: z.array(hostSchema).max(1024),
  instances: z.array(instanceSchema).max(4096),
});
export type Layout = z.infer<typeof layoutSchema>;
export type LayoutInput = z.input<typeof layoutSchema>;

/** GPUs an instance spans: its tensor-parallel group times its pipeline stages. */
export const instanceGpuCount = (instance: Pick<Instance, "tp" | "vllm">): number =>
  instance.tp * (instance.vllm?.pipelineParallelSize ?? 1);
