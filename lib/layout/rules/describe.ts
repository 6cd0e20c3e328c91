import type { Finding, FindingFix } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";

export const formatGiB = (bytes: number): string => `${(bytes / GIB).toFixed(1)} GiB`;

export const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10} %`;

/** How findings name an instance: `"qwen-a" (Qwen/Qwen2.5-7B-Instruct)`. */
export const nameOf = (instance: Pick<Instance, "id" | "model">): string => `"${instance.id}" (${instance.model})`;

/** The per-request token limit: vLLM's max_model_len, TGI's max_total_tokens. */
export const contextLengthOf = (instance: Instance): number | undefined =>
  instance.engine === "tgi" ? (instance.tgi?.maxTotalTokens ?? instance.maxModelLen) : instance.maxModelLen;

export const contextFieldOf = (instance: Instance): string =>
  instance.engine === "tgi" ? "--max-total-tokens" : "max_model_len";

/** The share of each GPU's memory the instance claims: vLLM gpu_memory_utilization, TGI cuda_memory_fraction. */
export const memoryFractionOf = (instance: Instance): number =>
  instance.engine === "tgi" ? (instance.tgi?.cudaMemoryFraction ?? 1) : instance.gpuMemoryUtilization;

/** A patch that sets the per-request token limit in the instance's engine field. */
export function contextLengthPatch(instance: Instance, tokens: number): Partial<Instance> {
  if (instance.engine === "vllm") return { maxModelLen: tokens };
  const tgi = { cudaMemoryFraction: 1, ...instance.tgi, maxTotalTokens: tokens };
  if (tgi.maxInputTokens !== undefined && tgi.maxInputTokens >= tokens) tgi.maxInputTokens = tokens - 1;
  return { tgi };
}

/** The flag that sets an instance's memory share. */
export const fractionFlagOf = (instance: Instance): string =>
  instance.engine === "tgi" ? "--cuda-memory-fraction" : "--gpu-memory-utilization";

/** The instance field that holds its memory share. */
export const fractionFieldOf = (instance: Instance): string =>
  instance.engine === "tgi" ? "tgi.cudaMemoryFraction" : "gpuMemoryUtilization";

/** The patch that sets an instance's memory share. */
export function fractionPatch(instance: Instance, fraction: number): Partial<Instance> {
  if (instance.engine === "vllm") return { gpuMemoryUtilization: fraction };
  return { tgi: { ...instance.tgi, cudaMemoryFraction: fraction } };
}

/** "GPU 0" or "GPUs 0, 1" of a host. */
export const gpusOf = (indices: readonly number[], hostId: string): string =>
  `${indices.length > 1 ? "GPUs" : "GPU"} ${indices.join(", ")} of "${hostId}"`;

/** Rounds a share down to the hundredth, as the engines' flags are written. */
export const floorHundredth = (x: number): number => Math.floor(x * 100 + 1e-9) / 100;

/** A finding's one-click fixes: the first is also its `patch` (what callers that know one fix apply). */
export function withFixes(fixes: FindingFix[]): Pick<Finding, "patch" | "fixes"> {
  const [first] = fixes;
  return first ? { patch: first.patch, fixes } : {};
}
