import type { ModelArch } from "../catalog";
import { atLeast } from "../cli/spec";
import { EngineFailure } from "../failure";
import type { SimGpu } from "../gpu/host";
import { kvDtypeBytes } from "../model/kv";
import { TGI_DEFAULTS } from "./flags";

export interface TgiSettings {
  version: string;
  modelId: string;
  arch: ModelArch;
  numShard: number;
  /** --quantize, or the checkpoint's quant_method. */
  quantize?: string;
  dtype: "bfloat16" | "float16";
  kvDtypeBytes: number;
  maxInputTokens?: number;
  maxTotalTokens?: number;
  maxBatchPrefillTokens: number;
  maxBatchTotalTokens?: number;
  maxBatchSize?: number;
  maxConcurrentRequests: number;
  cudaMemoryFraction: number;
  cudaGraphs: number[];
  /** 1 with flashinfer (3.x default, prefix caching), 16 with paged attention (2.x). */
  blockSize: number;
  attention: "flashinfer" | "paged";
  hostname: string;
  port: number;
  apiKey?: string;
  jsonOutput: boolean;
  shards: SimGpu[];
  warnings: string[];
}

export const launcherError = (message: string) =>
  new EngineFailure(`Error: ArgumentValidation("${message.replace(/"/g, '\\"')}")`);

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** launcher/src/main.rs main(): the argument checks in the order the launcher runs them. */
export function tgiSettings(
  values: Record<string, unknown>,
  arch: ModelArch,
  visible: readonly SimGpu[],
  version: string,
): TgiSettings {
  const warnings: string[] = [];
  const numShard = shardCount(values, visible.length);
  const checkpointQuant = arch.quantization?.method;
  const quantize = (values.quantize as string | undefined) ?? checkpointQuant;
  if (numShard > 1 && quantize === "exl2")
    throw launcherError("Sharding is currently not supported with `exl2` quantization");
  const maxInputTokens = num(values.max_input_tokens);
  const maxInputLength = num(values.max_input_length);
  if (maxInputTokens !== undefined && maxInputLength !== undefined) {
    throw launcherError(
      `Both \`max_input_tokens\` (${maxInputTokens}) and \`max_input_length\` (${maxInputLength}) are set. Please define only \`max_input_tokens\` as \`max_input_length is deprecated for naming consistency.`,
    );
  }
  const maxInput = maxInputTokens ?? maxInputLength;
  const maxTotal = num(values.max_total_tokens);
  const maxBatchPrefillTokens = num(values.max_batch_prefill_tokens) ?? Math.min(4096, arch.maxPositionEmbeddings);
  if (maxInput !== undefined && maxTotal !== undefined && maxInput >= maxTotal) {
    throw launcherError(`\`max_input_tokens\`(${maxInput}) must be < \`max_total_tokens\`(${maxTotal})`);
  }
  if (values.quantize === "bitsandbytes")
    warnings.push(
      "Bitsandbytes is deprecated, use `eetq` instead, which provides better latencies overall and is drop-in in most cases.",
    );
  const cudaGraphs =
    values.cuda_graphs !== undefined
      ? (values.cuda_graphs as number[]).filter((c) => c > 0)
      : quantize === "bitsandbytes" || quantize === "exl2"
        ? []
        : [1, 2, 4, 8, 16, 32];
  if (num(values.validation_workers) === 0) throw launcherError("`validation_workers` must be > 0");
  const maxBatchTotalTokens = num(values.max_batch_total_tokens);
  if (maxBatchTotalTokens !== undefined && maxTotal !== undefined && maxTotal > maxBatchTotalTokens) {
    throw launcherError(
      `\`max_total_tokens\` must be <= \`max_batch_total_tokens\`. Given: ${maxTotal} and ${maxBatchTotalTokens}`,
    );
  }
  if (values.ngrok === true && values.ngrok_authtoken === undefined)
    throw launcherError("`ngrok-authtoken` must be set when using ngrok tunneling");
  const flashinfer = atLeast(version, "3.0.0");
  const dtype =
    values.dtype === "float16" ||
    (values.dtype === undefined && (arch.torchDtype === "float16" || quantize === "gptq" || quantize === "awq"))
      ? "float16"
      : "bfloat16";
  return {
    version,
    modelId: String(values.model_id ?? TGI_DEFAULTS.model_id),
    arch,
    numShard,
    ...(quantize ? { quantize } : {}),
    dtype,
    kvDtypeBytes: kvDtypeBytes(values.kv_cache_dtype as string | undefined, 2),
    ...(maxInput !== undefined ? { maxInputTokens: maxInput } : {}),
    ...(maxTotal !== undefined ? { maxTotalTokens: maxTotal } : {}),
    maxBatchPrefillTokens,
    ...(maxBatchTotalTokens !== undefined ? { maxBatchTotalTokens } : {}),
    ...(num(values.max_batch_size) !== undefined ? { maxBatchSize: num(values.max_batch_size)! } : {}),
    maxConcurrentRequests: num(values.max_concurrent_requests) ?? TGI_DEFAULTS.max_concurrent_requests,
    cudaMemoryFraction: num(values.cuda_memory_fraction) ?? TGI_DEFAULTS.cuda_memory_fraction,
    cudaGraphs,
    blockSize: flashinfer ? 1 : 16,
    attention: flashinfer ? "flashinfer" : "paged",
    hostname: String(values.hostname ?? TGI_DEFAULTS.hostname),
    port: num(values.port) ?? TGI_DEFAULTS.port,
    ...(typeof values.api_key === "string" ? { apiKey: values.api_key } : {}),
    jsonOutput: values.json_output === true,
    shards: visible.slice(0, numShard),
    warnings,
  };
}

/** find_num_shards: --num-shard, else every visible GPU (all of them for NVIDIA_VISIBLE_DEVICES=all). */
function shardCount(values: Record<string, unknown>, visible: number): number {
  const sharded = values.sharded as string | undefined;
  const numShard = num(values.num_shard);
  if (sharded === "true" && numShard === undefined && visible <= 1) {
    throw new EngineFailure(
      `Error: NotEnoughCUDADevices("\`sharded\` is true but only found ${visible} CUDA devices")`,
    );
  }
  if (sharded === "true" && numShard !== undefined && numShard <= 1)
    throw launcherError("`sharded` is true but `num_shard` <= 1");
  const count = sharded === "false" && numShard === undefined ? 1 : (numShard ?? Math.max(1, visible));
  if (count < 1) throw launcherError("`num_shard` cannot be < 1");
  return count;
}
