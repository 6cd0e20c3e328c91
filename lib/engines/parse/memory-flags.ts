/** The engine flags and env vars that change memory beyond the common fields, onto `instance.vllm` / `instance.tgi`. */
import type { VllmSettings } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";
import type { InstancePatch } from "../patch";
import type { AcceptedFlag } from "../validate-flags";
import { parseNumber } from "../validate-flags";
import { parseSize } from "./sizes";

type Draft = InstancePatch;
type Apply = (draft: Draft, flag: AcceptedFlag) => void;

const vllmOf = (d: Draft): VllmSettings => (d.vllm ??= {});
const numberOf = (flag: AcceptedFlag): number | undefined => parseNumber(flag.spec, flag.value);
const gibToBytes = (flag: AcceptedFlag): number | undefined => {
  const gib = numberOf(flag);
  return gib === undefined ? undefined : Math.round(gib * GIB);
};

/** argparse `store_true` switches, plus `--flag False` / `--no-flag` spellings people paste. */
export const switchOn = (flag: AcceptedFlag): boolean => !flag.negated && !/^(false|0|no)$/i.test(flag.value);

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "1 2 4 8", "1,2,4,8" or "[1, 2, 4]" → [1, 2, 4, 8]. */
export function parseSizeList(text: string): number[] | undefined {
  const parts = text
    .replace(/[[\]]/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  return parts.map(Number).filter((n) => n > 0);
}

/** `--limit-mm-per-prompt '{"image": 2}'` (JSON, 0.10+) or `image=2,video=1` (older). */
function parseMmLimits(text: string): Record<string, number> | undefined {
  const json = parseJsonObject(text);
  const entries = json
    ? Object.entries(json)
    : text.split(",").map((pair) => pair.split("=").map((s) => s.trim()) as [string, unknown]);
  const limits: Record<string, number> = {};
  for (const [key, value] of entries) {
    const n = typeof value === "number" ? value : Number(value);
    if (!key || !Number.isInteger(n) || n < 0) return undefined;
    limits[key] = n;
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/** The capture sizes a `--compilation-config` JSON (or `-O` level) names; [] when it turns graphs off. */
function compilationCaptureSizes(text: string): number[] | undefined {
  const config = parseJsonObject(text);
  if (!config) return undefined;
  const sizes = config.cudagraph_capture_sizes;
  if (Array.isArray(sizes) && sizes.every((n) => Number.isInteger(n) && n > 0)) return sizes as number[];
  if (typeof config.cudagraph_mode === "string" && config.cudagraph_mode.toUpperCase() === "NONE") return [];
  return undefined;
}

function speculativeFromJson(text: string): VllmSettings["speculative"] | undefined {
  const config = parseJsonObject(text);
  if (!config) return undefined;
  const tokens = Number(config.num_speculative_tokens ?? 1);
  const method = typeof config.method === "string" ? config.method : undefined;
  const model = typeof config.model === "string" ? config.model : undefined;
  if (!Number.isInteger(tokens) || tokens < 1) return undefined;
  return { numSpeculativeTokens: tokens, ...(method ? { method } : {}), ...(model ? { model } : {}) };
}

const lora = (d: Draft) => {
  const settings = vllmOf(d);
  settings.lora ??= { maxLoras: 1, maxLoraRank: 16 };
  return settings.lora;
};

export const VLLM_MEMORY_FLAGS: Record<string, Apply> = {
  "--pipeline-parallel-size": (d, f) => void (vllmOf(d).pipelineParallelSize = numberOf(f)),
  "--block-size": (d, f) => void (vllmOf(d).blockSize = numberOf(f) as VllmSettings["blockSize"]),
  "--kv-cache-memory-bytes": (d, f) => void (vllmOf(d).kvCacheMemoryBytes = parseSize(f.value)),
  "--num-gpu-blocks-override": (d, f) => void (vllmOf(d).numGpuBlocksOverride = numberOf(f)),
  "--cpu-offload-gb": (d, f) => void (vllmOf(d).cpuOffloadBytes = gibToBytes(f)),
  "--swap-space": (d, f) => void (vllmOf(d).swapSpaceBytes = gibToBytes(f)),
  "--enable-chunked-prefill": (d, f) => void (vllmOf(d).enableChunkedPrefill = switchOn(f)),
  "--enable-prefix-caching": (d, f) => void (vllmOf(d).enablePrefixCaching = switchOn(f)),
  "--max-seq-len-to-capture": (d, f) => void (vllmOf(d).maxSeqLenToCapture = numberOf(f)),
  "--cuda-graph-sizes": (d, f) => void (vllmOf(d).cudaGraphSizes = parseSizeList(f.value)),
  "--compilation-config": (d, f) => {
    const sizes = /^\d$/.test(f.value.trim()) ? undefined : compilationCaptureSizes(f.value);
    if (sizes) vllmOf(d).cudaGraphSizes = sizes;
  },
  "--enable-lora": (d, f) => {
    if (switchOn(f)) lora(d);
  },
  "--max-loras": (d, f) => void (lora(d).maxLoras = numberOf(f) ?? 1),
  "--max-lora-rank": (d, f) => void (lora(d).maxLoraRank = numberOf(f) ?? 16),
  "--max-cpu-loras": (d, f) => void (lora(d).maxCpuLoras = numberOf(f)),
  "--speculative-config": (d, f) => void (vllmOf(d).speculative = speculativeFromJson(f.value)),
  "--speculative-model": (d, f) => {
    const settings = vllmOf(d);
    settings.speculative = { numSpeculativeTokens: settings.speculative?.numSpeculativeTokens ?? 1, model: f.value };
  },
  "--num-speculative-tokens": (d, f) => {
    const settings = vllmOf(d);
    settings.speculative = { ...settings.speculative, numSpeculativeTokens: numberOf(f) ?? 1 };
  },
  "--limit-mm-per-prompt": (d, f) => void (vllmOf(d).limitMmPerPrompt = parseMmLimits(f.value)),
  "--calculate-kv-scales": (d, f) => void (vllmOf(d).calculateKvScales = switchOn(f)),
  "--disable-custom-all-reduce": (d, f) => void (vllmOf(d).disableCustomAllReduce = switchOn(f)),
  "--enable-expert-parallel": (d, f) => void (vllmOf(d).expertParallel = switchOn(f)),
};

const envSwitch = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : !/^(0|false|no|)$/i.test(value.trim());

/** The memory-relevant VLLM_* (and PyTorch's TORCH_BLAS_PREFER_HIPBLASLT) switches from `-e`/`--env` or a `KEY=value` prefix. */
export function vllmEnvSettings(draft: Draft, env: Record<string, string>): void {
  const useV1 = envSwitch(env.VLLM_USE_V1);
  const sampler = envSwitch(env.VLLM_USE_FLASHINFER_SAMPLER);
  const runnerV2 = envSwitch(env.VLLM_USE_V2_MODEL_RUNNER);
  if (useV1 !== undefined) vllmOf(draft).useV1 = useV1;
  if (sampler !== undefined) vllmOf(draft).flashinferSampler = sampler;
  if (runnerV2 !== undefined) vllmOf(draft).modelRunnerV2 = runnerV2;
  const estimateGraphs = envSwitch(env.VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS);
  if (estimateGraphs !== undefined) vllmOf(draft).estimateCudaGraphs = estimateGraphs;
  const hipBlasLt = envSwitch(env.TORCH_BLAS_PREFER_HIPBLASLT);
  if (hipBlasLt !== undefined) vllmOf(draft).preferHipBlasLt = hipBlasLt;
}

/** TGI's ATTENTION env var (paged | flashdecoding | flashinfer). */
export function tgiEnvSettings(draft: Draft, env: Record<string, string>): void {
  const attention = env.ATTENTION?.trim();
  if (attention === "paged" || attention === "flashdecoding" || attention === "flashinfer") {
    draft.tgi = { ...draft.tgi, attention };
  }
}

/** Drops `vllm` settings that came out empty or undefined, so the schema's defaults apply. */
export function tidyVllm(draft: Draft): void {
  const settings = draft.vllm as Record<string, unknown> | undefined;
  if (!settings) return;
  for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
  if (Object.keys(settings).length === 0) delete draft.vllm;
}

/** An engine's env vars onto the draft: vLLM's switches, TGI's ATTENTION. */
export function engineEnvSettings(engine: "vllm" | "tgi", draft: Draft, env: Record<string, string>): void {
  if (engine === "vllm") vllmEnvSettings(draft, env);
  else tgiEnvSettings(draft, env);
  tidyVllm(draft);
}
