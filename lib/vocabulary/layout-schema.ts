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

export const tgiSettingsSchema = z.object({
  cudaMemoryFraction: z.number().gt(0).max(1).default(1),
  maxInputTokens: z.number().int().positive().optional(),
  maxTotalTokens: z.number().int().positive().optional(),
  maxBatchPrefillTokens: z.number().int().positive().optional(),
  maxBatchTotalTokens: z.number().int().positive().optional(),
});

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
