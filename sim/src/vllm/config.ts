import type { ModelArch } from "../catalog";
import { atLeast } from "../cli/spec";
import type { SimGpu } from "../gpu/host";
import { kvDtypeBytes } from "../model/kv";
import { derivedMaxLen, readRopeJson, type RopeOverride } from "../model/rope";
import { EngineFailure } from "../failure";
import { checkQuantization, resolveDtype } from "./checks";
import { valueError } from "./errors";

export interface VllmSettings {
  version: string;
  model: string;
  servedModelName: string;
  arch: ModelArch;
  tp: number;
  pp: number;
  dp: number;
  gpuMemoryUtilization: number;
  maxModelLen: number;
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  blockSize: number;
  kvCacheDtype: string;
  kvDtypeBytes: number;
  numGpuBlocksOverride?: number;
  kvCacheMemoryBytes?: number;
  enforceEager: boolean;
  /** The quantization kernel that runs (gptq → gptq_marlin on capable GPUs), if any. */
  quantization?: string;
  dtype: "bfloat16" | "float16" | "float32";
  cpuOffloadBytes: number;
  host: string;
  port: number;
  apiKeys: string[];
  /** GPUs of each data-parallel engine, tp × pp each. */
  engineGpus: SimGpu[][];
  warnings: string[];
}

const GIB = 2 ** 30;
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** ModelConfig/CacheConfig/ParallelConfig/SchedulerConfig checks, in the order vLLM runs them. */
export function vllmSettings(
  values: Record<string, unknown>,
  arch: ModelArch,
  gpus: readonly SimGpu[],
  version: string,
): VllmSettings {
  const warnings: string[] = [];
  const model = String(values.model_tag ?? values.model);
  const tp = num(values.tensor_parallel_size) ?? 1;
  const pp = num(values.pipeline_parallel_size) ?? 1;
  const dp = num(values.data_parallel_size) ?? 1;
  const pydantic = atLeast(version, "0.10.0");
  const rope = ropeOverride(values);
  const derived = derivedMaxLen(arch, rope);
  const maxModelLen = checkMaxLen(num(values.max_model_len), derived, pydantic, warnings);
  const quantization = checkQuantization(arch, values.quantization as string | undefined, gpus[0], pydantic, warnings);
  const dtype = resolveDtype(arch, String(values.dtype ?? "auto"), gpus[0], pydantic, warnings);
  if (arch.numAttentionHeads % tp !== 0) {
    throw new EngineFailure(
      valueError(
        `Total number of attention heads (${arch.numAttentionHeads}) must be divisible by tensor parallel size (${tp}).`,
        pydantic,
        "VllmConfig",
      ),
    );
  }
  // vLLM's default rose from 0.9 to 0.92 in 0.20 (vllm#38284).
  const gmu = num(values.gpu_memory_utilization) ?? (atLeast(version, "0.20.0") ? 0.92 : 0.9);
  if (gmu > 1 || gmu <= 0)
    throw new EngineFailure(
      valueError(`GPU memory utilization must be less than 1.0. Got ${gmu}.`, pydantic, "CacheConfig"),
    );
  const big = (gpus[0]?.spec.memoryBytes ?? 0) >= 70 * GIB && !/a100/i.test(gpus[0]?.spec.name ?? "");
  const [defaultTokens, defaultSeqs] = atLeast(version, "0.9.0") && big ? [8192, 1024] : [2048, 256];
  const maxNumSeqs = num(values.max_num_seqs) ?? defaultSeqs;
  const maxNumBatchedTokens = num(values.max_num_batched_tokens) ?? defaultTokens;
  if (maxNumBatchedTokens < maxNumSeqs) {
    throw new EngineFailure(
      valueError(
        `max_num_batched_tokens (${maxNumBatchedTokens}) must be greater than or equal to max_num_seqs (${maxNumSeqs}).`,
        pydantic,
        "SchedulerConfig",
      ),
    );
  }
  const world = tp * pp;
  if (gpus.length < world * dp)
    throw new EngineFailure(
      "RuntimeError: CUDA error: invalid device ordinal\nCUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.",
    );
  const kvCacheDtype = String(values.kv_cache_dtype ?? "auto");
  const served = values.served_model_name as string[] | undefined;
  return {
    version,
    model,
    servedModelName: served?.[0] ?? model,
    arch,
    tp,
    pp,
    dp,
    gpuMemoryUtilization: gmu,
    maxModelLen,
    maxNumSeqs,
    maxNumBatchedTokens,
    blockSize: Number(values.block_size ?? 16),
    kvCacheDtype,
    kvDtypeBytes: kvDtypeBytes(kvCacheDtype, dtype === "float32" ? 4 : 2),
    ...(num(values.num_gpu_blocks_override) !== undefined
      ? { numGpuBlocksOverride: num(values.num_gpu_blocks_override)! }
      : {}),
    ...(num(values.kv_cache_memory_bytes) !== undefined
      ? { kvCacheMemoryBytes: num(values.kv_cache_memory_bytes)! }
      : {}),
    enforceEager: values.enforce_eager === true,
    ...(quantization ? { quantization } : {}),
    dtype,
    cpuOffloadBytes: Math.round((num(values.cpu_offload_gb) ?? 0) * GIB),
    host: String(values.host ?? "0.0.0.0"),
    port: num(values.port) ?? 8000,
    apiKeys: (values.api_key as string[] | undefined) ?? envKeys(),
    engineGpus: Array.from({ length: dp }, (_, e) => gpus.slice(e * world, (e + 1) * world)),
    warnings,
  };
}

const envKeys = () => (process.env.VLLM_API_KEY ? [process.env.VLLM_API_KEY] : []);

function ropeOverride(values: Record<string, unknown>): RopeOverride | undefined {
  const overrides = values.hf_overrides as Record<string, unknown> | undefined;
  return (
    readRopeJson(values.rope_scaling) ??
    readRopeJson(overrides?.rope_scaling) ??
    readRopeJson(overrides?.rope_parameters)
  );
}

function checkMaxLen(
  requested: number | undefined,
  derived: { value: number; scaled: boolean },
  pydantic: boolean,
  warnings: string[],
): number {
  if (requested === undefined || requested === -1) return derived.value;
  if (requested <= derived.value) return requested;
  const shown = derived.scaled ? `${derived.value}.0` : String(derived.value);
  const msg = `User-specified max_model_len (${requested}) is greater than the derived max_model_len (max_position_embeddings=${shown} or model_max_length=None in model's config.json).`;
  const caution =
    "VLLM_ALLOW_LONG_MAX_MODEL_LEN must be used with extreme caution. If the model uses relative position encoding (RoPE), positions exceeding derived_max_model_len lead to nan. If the model uses absolute position encoding, positions exceeding derived_max_model_len will cause a CUDA array out-of-bounds error.";
  if (process.env.VLLM_ALLOW_LONG_MAX_MODEL_LEN === "1" || process.env.VLLM_ALLOW_LONG_MAX_MODEL_LEN === "true") {
    warnings.push(`${msg} ${caution}`);
    return requested;
  }
  const text = pydantic
    ? `${msg} To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1. ${caution}`
    : `${msg} This may lead to incorrect model outputs or CUDA errors. To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1`;
  throw new EngineFailure(valueError(text, pydantic, "ModelConfig"));
}
