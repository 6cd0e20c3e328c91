import type { ModelArch } from "../catalog/types";
import { compareVersions } from "../vocabulary/version";
import { releaseOf } from "./vllm-profiles";

/**
 * Which GPU model runner a vLLM release runs a model on. Model Runner V2 became the default model family by family
 * (release notes): Qwen3 dense in 0.22 (vllm#39337), Llama and Mistral dense in 0.23 (vllm#43458), quantized models in
 * 0.24 (vllm#44446), every dense model in 0.25 (vllm#44443), every model in 0.29 (vllm#53183).
 * VLLM_USE_V2_MODEL_RUNNER=0|1 overrides.
 */
export function usesModelRunnerV2(
  version: string | undefined,
  arch: ModelArch,
  options: { quantized: boolean; forced?: boolean },
): boolean {
  if (options.forced !== undefined) return options.forced;
  const release = releaseOf(version);
  if (!release) return true;
  const at = (since: string) => compareVersions(release, since) >= 0;
  if (at("0.29.0")) return true;
  const dense = !arch.moe;
  if (!dense) return false;
  if (at("0.25.0")) return true;
  if (at("0.24.0") && options.quantized) return true;
  if (at("0.23.0") && ["llama", "mistral", "qwen3"].includes(arch.modelType)) return true;
  return at("0.22.0") && arch.modelType === "qwen3";
}

/**
 * Whether the profile takes the CUDA graphs' estimate from the budget: VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS exists
 * from 0.18 (vllm#30515, off by default) and is on by default from 0.20 (vllm#38284); Model Runner V2 reserves
 * nothing for graphs before 0.29.
 */
export function reservesCudaGraphs(
  version: string | undefined,
  onByDefault: boolean,
  runnerV2: boolean,
  asked?: boolean,
): boolean {
  const release = releaseOf(version);
  if (release && compareVersions(release, "0.18.0") < 0) return false;
  return (asked ?? onByDefault) && (!runnerV2 || modelRunnerV2ReservesGraphs(version));
}

/**
 * Model Runner V2's profile run before 0.29: its CUDA-graph estimate is a stub that returns 0 (vllm#36520), so graphs
 * come on top of the budget again; 0.29 reserves them (vllm#53306).
 */
export function modelRunnerV2ReservesGraphs(version: string | undefined): boolean {
  const release = releaseOf(version);
  return !release || compareVersions(release, "0.29.0") >= 0;
}

/**
 * Bytes per logit of Model Runner V2's dummy sampler run: it passes no sampling parameters, so only the logits stay
 * (bf16, 2 B) plus their fp32 copy until 0.26 stopped the upcast (vllm#48641). A 0.27.1 start-up logs 0.08 GiB of
 * activation for 256 sequences × 151,936 logits of Qwen2.5-0.5B, 2 B each.
 */
export function modelRunnerV2BytesPerLogit(version: string | undefined): number {
  const release = releaseOf(version);
  return !release || compareVersions(release, "0.26.0") >= 0 ? 2 : 6;
}
