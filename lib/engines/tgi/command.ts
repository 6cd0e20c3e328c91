import type { Instance } from "../../vocabulary/layout-schema";
import { tgiRopeArgs } from "../rope";

export const TGI_IMAGE_REPOSITORY = "ghcr.io/huggingface/text-generation-inference";
/** The TGI image sets PORT=80; the bare launcher defaults to 3000. */
export const TGI_CONTAINER_PORT = 80;
export const TGI_LAUNCHER_PORT = 3000;

const TGI_DTYPE: Record<Instance["dtype"], string | undefined> = {
  auto: undefined,
  bfloat16: "bfloat16",
  float16: "float16",
  half: "float16",
  float32: undefined,
};

const TGI_KV_DTYPE: Record<Instance["kvCacheDtype"], string | undefined> = {
  auto: undefined,
  fp8: "fp8_e4m3fn",
  fp8_e4m3: "fp8_e4m3fn",
  fp8_e4m3fn: "fp8_e4m3fn",
  fp8_e5m2: "fp8_e5m2",
};

export const tgiImage = (instance: Pick<Instance, "engineVersion">): string =>
  `${TGI_IMAGE_REPOSITORY}:${instance.engineVersion ?? "latest"}`;

export interface TgiArgsOptions {
  inContainer?: boolean;
}

/** The launcher arguments that differ from TGI's defaults. */
export function tgiArgs(instance: Instance, options: TgiArgsOptions = {}): string[] {
  const args = ["--model-id", instance.model];
  const tgi = instance.tgi;
  if (instance.tp > 1) args.push("--num-shard", String(instance.tp));
  if (instance.quantization) args.push("--quantize", instance.quantization);
  const dtype = TGI_DTYPE[instance.dtype];
  if (dtype) args.push("--dtype", dtype);
  const kvDtype = TGI_KV_DTYPE[instance.kvCacheDtype];
  if (kvDtype) args.push("--kv-cache-dtype", kvDtype);
  if (tgi?.maxInputTokens !== undefined) args.push("--max-input-tokens", String(tgi.maxInputTokens));
  const maxTotalTokens = tgi?.maxTotalTokens ?? instance.maxModelLen;
  if (maxTotalTokens !== undefined) args.push("--max-total-tokens", String(maxTotalTokens));
  if (tgi?.maxBatchPrefillTokens !== undefined) {
    args.push("--max-batch-prefill-tokens", String(tgi.maxBatchPrefillTokens));
  }
  if (tgi?.maxBatchTotalTokens !== undefined) args.push("--max-batch-total-tokens", String(tgi.maxBatchTotalTokens));
  if (tgi && tgi.cudaMemoryFraction !== 1) args.push("--cuda-memory-fraction", String(tgi.cudaMemoryFraction));
  if (tgi?.prefillLogprobs) args.push("--enable-prefill-logprobs");
  if (instance.ropeScaling) args.push(...tgiRopeArgs(instance.ropeScaling));
  if (instance.enforceEager) args.push("--cuda-graphs", "0");
  else if (tgi?.cudaGraphs !== undefined) args.push("--cuda-graphs", tgi.cudaGraphs.join(","));
  if (!options.inContainer && instance.port !== undefined && instance.port !== TGI_LAUNCHER_PORT) {
    args.push("--port", String(instance.port));
  }
  return args;
}

/** Env vars the launcher reads instead of flags. */
export function tgiEnv(instance: Instance): Record<string, string> {
  return instance.tgi?.attention ? { ATTENTION: instance.tgi.attention } : {};
}

export const tgiLauncherCommand = (instance: Instance): string[] => ["text-generation-launcher", ...tgiArgs(instance)];
