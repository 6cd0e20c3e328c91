/**
 * A corpus case as an `estimate` command line: its pasted command when it is one, and its stated settings as the
 * engine's own flags. Nothing is taken from what the case logged, except the card's total when the engine printed it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CalibrationCase } from "../calibration/schema";
import { findGpu } from "../../lib/catalog";
import { parseCommandText } from "../../lib/engines";
import { GIB } from "../../lib/vocabulary/units";
import { supplementConfig } from "./config-supplements";

export interface CaseArgs {
  args: string[];
  /** Assumptions the mapping made where the case does not say (reported with the results). */
  assumptions: string[];
}

/** "0.2.4+main (before PR #2031)" → "0.2.4"; "2.3–2.4" → "2.3"; "1.4.x (…)" → "1.4"; null → undefined (newest). */
export function releaseOfCase(version: string | null): string | undefined {
  return version?.match(/^v?(\d+\.\d+(?:\.\d+)?)/)?.[1];
}

/**
 * The run used the V0 engine on a release that defaults to V1: the case says so ("0.8.0–0.8.4 (V0 engine)"), or the
 * log has what only V0 prints — CPU swap blocks, or the no-fit message "larger than the maximum number of tokens that
 * can be stored in KV cache" (V1 says "To serve at least one request…"). The schema has no field for the engine mode.
 */
const runsV0 = (c: CalibrationCase): boolean =>
  /\bV0\b/.test(c.engineVersion ?? "") || c.logged.cpuBlocks !== undefined || c.logged.noFitKvTokens !== undefined;

/** A GPU name the catalog cannot place alone ("A100" without its size). */
const AMBIGUOUS_GPU: Record<string, { gpu: string; why: string }> = {
  A100: {
    gpu: "A100 80GB",
    why: "the case names an A100 without its size; taken as the 80 GB card the case notes infer",
  },
};

function gpuArgs(c: CalibrationCase, assumptions: string[]): string[] {
  return [...cardArgs(c, assumptions), ...(c.gpu.wsl2 ? ["--wsl2"] : [])];
}

function cardArgs(c: CalibrationCase, assumptions: string[]): string[] {
  const engineTotal = c.logged.totalGpuMemoryGiB;
  const name = c.gpu.name;
  const fallback = name ? AMBIGUOUS_GPU[name] : undefined;
  if (fallback) assumptions.push(fallback.why);
  const catalogName = name && findGpu(name) ? name : fallback?.gpu;
  const bytes = (gib: number) => String(Math.round(gib * GIB));
  if (catalogName) return ["--gpu", catalogName, ...(engineTotal ? ["--gpu-memory-bytes", bytes(engineTotal)] : [])];
  const total = engineTotal ?? c.gpu.memoryGiB;
  if (total === null || total === undefined) throw new Error(`${c.id}: neither a catalog GPU nor a memory size`);
  if (!engineTotal)
    assumptions.push(`GPU "${name ?? "unnamed"}" is not in the catalog: its ${total} GiB taken as CUDA's total`);
  return ["--gpu-memory-bytes", bytes(total)];
}

function modelArgs(c: CalibrationCase, configDir: string): string[] {
  if (c.model.catalogId) return ["--model", c.model.catalogId];
  if (!c.model.config) throw new Error(`${c.id}: no model shape (${c.model.configUnknown})`);
  mkdirSync(configDir, { recursive: true });
  const path = join(configDir, `${c.id}.config.json`);
  writeFileSync(path, `${JSON.stringify(supplementConfig(c.id, c.model.config), null, 2)}\n`);
  return ["--model", c.model.id, "--config", path];
}

type Settings = CalibrationCase["settings"];
type FlagOf = (value: never) => string[];

const flag =
  (name: string): FlagOf =>
  (value: never) => [name, String(value)];
const toggle =
  (name: string): FlagOf =>
  (value: never) => [(value as boolean) ? name : name.replace(/^--/, "--no-")];

/**
 * The engine config line prints the speculative config as its repr ("SpeculativeConfig(method='ngram', model=None,
 * num_spec_tokens=5)"); --speculative-config takes the same fields as JSON.
 */
export function speculativeJson(stated: string): string {
  const repr = stated.match(/^SpeculativeConfig\((.*)\)$/s);
  if (!repr) return stated;
  const field = (name: string) => repr[1]!.match(new RegExp(`\\b${name}=(?:'([^']*)'|(\\d+)|None)`));
  const method = field("method")?.[1];
  const model = field("model")?.[1];
  const tokens = field("num_spec_tokens")?.[2];
  return JSON.stringify({
    ...(method ? { method } : {}),
    ...(model ? { model } : {}),
    ...(tokens ? { num_speculative_tokens: Number(tokens) } : {}),
  });
}

const VLLM_FLAGS: Partial<Record<keyof Settings, FlagOf>> = {
  tensorParallelSize: flag("--tensor-parallel-size"),
  pipelineParallelSize: flag("--pipeline-parallel-size"),
  dataParallelSize: flag("--data-parallel-size"),
  dtype: flag("--dtype"),
  maxModelLen: flag("--max-model-len"),
  maxNumSeqs: flag("--max-num-seqs"),
  maxNumBatchedTokens: flag("--max-num-batched-tokens"),
  gpuMemoryUtilization: flag("--gpu-memory-utilization"),
  quantization: flag("--quantization"),
  kvCacheDtype: flag("--kv-cache-dtype"),
  blockSize: flag("--block-size"),
  enforceEager: (value: never) => ((value as boolean) ? ["--enforce-eager"] : []),
  enableChunkedPrefill: toggle("--enable-chunked-prefill"),
  enablePrefixCaching: toggle("--enable-prefix-caching"),
  swapSpaceGiB: flag("--swap-space"),
  cpuOffloadGiB: flag("--cpu-offload-gb"),
  kvCacheMemoryBytes: flag("--kv-cache-memory-bytes"),
  numGpuBlocksOverride: flag("--num-gpu-blocks-override"),
  speculativeConfig: (value: never) => ["--speculative-config", speculativeJson(value as string)],
  loadFormat: flag("--load-format"),
  kvTransferConfig: flag("--kv-transfer-config"),
  limitMmPerPrompt: flag("--limit-mm-per-prompt"),
  flashinferSampler: (value: never) => ["--env", `VLLM_USE_FLASHINFER_SAMPLER=${(value as boolean) ? 1 : 0}`],
  preferHipBlasLt: (value: never) => ["--env", `TORCH_BLAS_PREFER_HIPBLASLT=${(value as boolean) ? 1 : 0}`],
  tensorParallelAcrossNodes: (value: never) => ((value as boolean) ? ["--disable-custom-all-reduce"] : []),
};

const TGI_FLAGS: Partial<Record<keyof Settings, FlagOf>> = {
  numShard: flag("--num-shard"),
  quantize: flag("--quantize"),
  dtype: flag("--dtype"),
  kvCacheDtype: flag("--kv-cache-dtype"),
  maxInputTokens: flag("--max-input-tokens"),
  maxTotalTokens: flag("--max-total-tokens"),
  maxBatchPrefillTokens: flag("--max-batch-prefill-tokens"),
  maxBatchTotalTokens: flag("--max-batch-total-tokens"),
  cudaMemoryFraction: flag("--cuda-memory-fraction"),
};

/** Where a server command starts inside a case's text that opens with the source's own words. */
const COMMAND_START = /(?:^|\s)((?:docker run|vllm serve|python3? -m vllm|text-generation-launcher|LLM\()[\s\S]*)$/;

/** The case's pasted command, when it is (or, after the source's leading words, holds) a server start. */
function commandArgs(c: CalibrationCase): string[] {
  if (!c.command) return [];
  for (const text of [c.command, c.command.match(COMMAND_START)?.[1]]) {
    if (!text) continue;
    const parsed = parseCommandText(text);
    if (parsed.engine === c.engine && parsed.instance.model !== undefined) return ["--command", text];
  }
  return [];
}

/**
 * TGI settings the launcher states rather than the command: --num-shard defaults to every visible GPU, and
 * "Default `max_batch_prefill_tokens` to N" is the launcher's own setting (not a KV figure).
 */
function tgiLauncherDefaults(c: CalibrationCase): string[] {
  if (c.engine !== "tgi") return [];
  const shards = c.settings.numShard === undefined && c.gpu.count ? ["--num-shard", String(c.gpu.count)] : [];
  const prefill =
    c.settings.maxBatchPrefillTokens === undefined && c.logged.defaultMaxBatchPrefillTokens !== undefined
      ? ["--max-batch-prefill-tokens", String(c.logged.defaultMaxBatchPrefillTokens)]
      : [];
  return [...shards, ...prefill];
}

export function caseArgs(c: CalibrationCase, configDir: string): CaseArgs {
  const assumptions: string[] = [];
  const version = releaseOfCase(c.engineVersion);
  const table = c.engine === "vllm" ? VLLM_FLAGS : TGI_FLAGS;
  const settings = Object.entries(c.settings).flatMap(([key, value]) => {
    const toFlags = table[key as keyof Settings];
    return toFlags ? toFlags(value as never) : [];
  });
  const args = [
    "--engine",
    c.engine,
    ...modelArgs(c, configDir),
    ...gpuArgs(c, assumptions),
    ...(version ? ["--engine-version", version] : []),
    ...(runsV0(c) ? ["--env", "VLLM_USE_V1=0"] : []),
    ...commandArgs(c),
    ...settings,
    ...tgiLauncherDefaults(c),
    "--json",
  ];
  return { args, assumptions };
}
