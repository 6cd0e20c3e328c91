/** `instance.vllm` back to the `vllm serve` flags and env vars it came from (the paste parser's inverse). */
import type { Instance } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";

const gib = (bytes: number): string => String(Math.round((bytes / GIB) * 1000) / 1000);

export function vllmMemoryArgs(instance: Instance): string[] {
  const v = instance.vllm;
  if (!v) return [];
  const args: string[] = [];
  if (v.pipelineParallelSize !== undefined && v.pipelineParallelSize > 1)
    args.push("--pipeline-parallel-size", String(v.pipelineParallelSize));
  if (v.blockSize !== undefined) args.push("--block-size", String(v.blockSize));
  if (v.kvCacheMemoryBytes !== undefined) args.push("--kv-cache-memory-bytes", String(v.kvCacheMemoryBytes));
  if (v.numGpuBlocksOverride !== undefined) args.push("--num-gpu-blocks-override", String(v.numGpuBlocksOverride));
  if (v.cpuOffloadBytes !== undefined) args.push("--cpu-offload-gb", gib(v.cpuOffloadBytes));
  if (v.swapSpaceBytes !== undefined) args.push("--swap-space", gib(v.swapSpaceBytes));
  if (v.enableChunkedPrefill !== undefined)
    args.push(v.enableChunkedPrefill ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill");
  if (v.enablePrefixCaching !== undefined)
    args.push(v.enablePrefixCaching ? "--enable-prefix-caching" : "--no-enable-prefix-caching");
  if (v.maxSeqLenToCapture !== undefined) args.push("--max-seq-len-to-capture", String(v.maxSeqLenToCapture));
  if (v.cudaGraphSizes !== undefined)
    args.push("--compilation-config", JSON.stringify({ cudagraph_capture_sizes: v.cudaGraphSizes }));
  if (v.lora) {
    args.push("--enable-lora", "--max-loras", String(v.lora.maxLoras), "--max-lora-rank", String(v.lora.maxLoraRank));
    if (v.lora.maxCpuLoras !== undefined) args.push("--max-cpu-loras", String(v.lora.maxCpuLoras));
  }
  if (v.speculative) {
    const { method, model, numSpeculativeTokens } = v.speculative;
    const config = {
      ...(method ? { method } : {}),
      ...(model ? { model } : {}),
      num_speculative_tokens: numSpeculativeTokens,
    };
    args.push("--speculative-config", JSON.stringify(config));
  }
  if (v.limitMmPerPrompt) args.push("--limit-mm-per-prompt", JSON.stringify(v.limitMmPerPrompt));
  if (v.calculateKvScales) args.push("--calculate-kv-scales");
  if (v.disableCustomAllReduce) args.push("--disable-custom-all-reduce");
  if (v.expertParallel) args.push("--enable-expert-parallel");
  return args;
}

/** Env vars the engine reads instead of flags. */
export function vllmEnv(instance: Instance): Record<string, string> {
  const v = instance.vllm;
  const env: Record<string, string> = {};
  if (v?.useV1 !== undefined) env.VLLM_USE_V1 = v.useV1 ? "1" : "0";
  if (v?.flashinferSampler !== undefined) env.VLLM_USE_FLASHINFER_SAMPLER = v.flashinferSampler ? "1" : "0";
  if (v?.modelRunnerV2 !== undefined) env.VLLM_USE_V2_MODEL_RUNNER = v.modelRunnerV2 ? "1" : "0";
  if (v?.estimateCudaGraphs !== undefined)
    env.VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS = v.estimateCudaGraphs ? "1" : "0";
  if (v?.preferHipBlasLt !== undefined) env.TORCH_BLAS_PREFER_HIPBLASLT = v.preferHipBlasLt ? "1" : "0";
  return env;
}
