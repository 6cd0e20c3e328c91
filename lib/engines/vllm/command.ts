import type { Instance } from "../../vocabulary/layout-schema";
import { vllmRopeArgs } from "../rope";
import { vllmDefaultGpuMemoryUtilization } from "../../vocabulary/vllm-defaults";
import { vllmMemoryArgs } from "./memory-args";

export const VLLM_IMAGE_REPOSITORY = "vllm/vllm-openai";
export const VLLM_CONTAINER_PORT = 8000;

/** Layout kv-cache dtypes in vLLM's spelling (TGI's fp8_e4m3fn is vLLM's fp8_e4m3). */
const VLLM_KV_DTYPE: Record<Instance["kvCacheDtype"], string | undefined> = {
  auto: undefined,
  fp8: "fp8",
  fp8_e4m3: "fp8_e4m3",
  fp8_e5m2: "fp8_e5m2",
  fp8_e4m3fn: "fp8_e4m3",
};

export const vllmImage = (instance: Pick<Instance, "engineVersion">): string =>
  `${VLLM_IMAGE_REPOSITORY}:${instance.engineVersion ? `v${instance.engineVersion}` : "latest"}`;

export interface VllmArgsOptions {
  /** In a container the port is published by Docker, so `--port` stays at its default. */
  inContainer?: boolean;
}

/** The engine arguments that differ from vLLM's defaults, model first as `--model`. */
export function vllmArgs(instance: Instance, options: VllmArgsOptions = {}): string[] {
  const args = ["--model", instance.model];
  if (instance.tp > 1) args.push("--tensor-parallel-size", String(instance.tp));
  if (instance.quantization) args.push("--quantization", instance.quantization);
  if (instance.dtype !== "auto") args.push("--dtype", instance.dtype);
  const kvDtype = VLLM_KV_DTYPE[instance.kvCacheDtype];
  if (kvDtype) args.push("--kv-cache-dtype", kvDtype);
  if (instance.maxModelLen !== undefined) args.push("--max-model-len", String(instance.maxModelLen));
  if (instance.ropeScaling) args.push(...vllmRopeArgs(instance.ropeScaling, instance.engineVersion));
  // Left out only where the release is known and its own default is the same (0.9, then 0.92 from 0.20).
  if (
    instance.engineVersion === undefined ||
    instance.gpuMemoryUtilization !== vllmDefaultGpuMemoryUtilization(instance.engineVersion)
  ) {
    args.push("--gpu-memory-utilization", String(instance.gpuMemoryUtilization));
  }
  if (instance.maxNumSeqs !== undefined) args.push("--max-num-seqs", String(instance.maxNumSeqs));
  if (instance.maxNumBatchedTokens !== undefined) {
    args.push("--max-num-batched-tokens", String(instance.maxNumBatchedTokens));
  }
  if (instance.enforceEager) args.push("--enforce-eager");
  args.push(...vllmMemoryArgs(instance));
  if (!options.inContainer && instance.port !== undefined && instance.port !== VLLM_CONTAINER_PORT) {
    args.push("--port", String(instance.port));
  }
  return args;
}

/** `vllm serve <model> …` as words. */
export function vllmServeCommand(instance: Instance): string[] {
  const [, model = instance.model, ...rest] = vllmArgs(instance);
  return ["vllm", "serve", model, ...rest];
}
