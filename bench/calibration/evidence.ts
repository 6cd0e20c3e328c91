/**
 * Ties every recorded figure to the log line it was copied from: a figure counts as evidenced when a line that
 * carries its label (the pattern below) contains the same number, read as printed ("0.90" = 0.9, "410,128" = 410128).
 */
import type { CalibrationCase, Logged } from "./schema";

export const LOGGED_LABELS: Record<keyof Logged, RegExp> = {
  weightsGiB: /weights? took|model loading took|model weights take|weights/i,
  totalGpuMemoryGiB: /total_gpu_memory|free memory on device|total/i,
  freeGpuMemoryGiB: /free memory on device|free/i,
  requestedMemoryGiB: /can use|desired gpu memory utilization/i,
  nonTorchGiB: /non[_-]torch/i,
  activationPeakGiB: /activation|peak/i,
  peakTorchGiB: /peak_torch_memory/i,
  availableKvGiB: /available kv cache memory|reserved for kv cache|available_kv_cache_memory|kv_cache_size/i,
  gpuBlocks: /# (gpu|cuda) blocks|gpu blocks|num_gpu_blocks/i,
  cpuBlocks: /# cpu blocks/i,
  kvCacheTokens: /kv cache size|tokens/i,
  maxConcurrency: /maximum concurrency/i,
  maxConcurrencyForTokens: /maximum concurrency/i,
  cudaGraphGiB: /graph capturing finished|cudagraph|cuda graph memory/i,
  noFitMaxSeqLen: /max seq len|max_model_len|maximum model length/i,
  noFitKvTokens: /can be stored in kv cache/i,
  noFitNeededGiB: /kv cache is needed/i,
  noFitAvailableGiB: /available kv cache memory/i,
  noFitEstimatedMaxModelLen: /estimated maximum model length/i,
  maxBatchTotalTokens: /max[ _]batch[ _]total[ _]tokens/i,
  defaultMaxBatchPrefillTokens: /max_batch_prefill_tokens/i,
  kvCacheBlocks: /kv-cache blocks/i,
  kvCacheBlockSize: /kv-cache blocks/i,
  tgiNoFitTotalTokens: /not enough memory to handle/i,
  tgiNoFitPrefillTokens: /not enough memory to handle/i,
};

/** Every number printed in a line, commas removed ("1,062,157" → 1062157, "-1.05GiB" → -1.05). */
export function numbersIn(line: string): number[] {
  return [...line.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter(Number.isFinite);
}

export function lineCarries(line: string, value: number): boolean {
  return numbersIn(line).some((n) => n === value);
}

/** The `logged` fields no labelled log line carries. */
export function unevidencedFigures(c: CalibrationCase): string[] {
  const missing: string[] = [];
  for (const [field, value] of Object.entries(c.logged) as [keyof Logged, number][]) {
    const label = LOGGED_LABELS[field];
    if (!c.logLines.some((line) => label.test(line) && lineCarries(line, value))) missing.push(`${field}=${value}`);
  }
  return missing;
}

/** The numeric settings that neither the command, the engine config line nor a log line states. */
export function unstatedSettings(c: CalibrationCase): string[] {
  const text = [c.command ?? "", c.engineConfig ?? "", ...c.logLines];
  return Object.entries(c.settings)
    .filter(([, value]) => typeof value === "number" && !text.some((line) => lineCarries(line, value)))
    .map(([field, value]) => `${field}=${value}`);
}

/** The log lines that say which sampler V1 ran (topk_topp_sampler.py), by the setting they back. */
const SAMPLER_LINES: Record<"true" | "false", RegExp> = {
  true: /Using FlashInfer for top-p & top-k sampling/,
  false: /FlashInfer is not available|PyTorch-native implementation of top-p & top-k sampling/,
};

/** `settings.flashinferSampler` when no log line says that sampler ran; undefined = backed or not set. */
export function unevidencedSampler(c: CalibrationCase): string | undefined {
  const stated = c.settings.flashinferSampler;
  if (stated === undefined) return undefined;
  return c.logLines.some((line) => SAMPLER_LINES[`${stated}`].test(line)) ? undefined : `flashinferSampler=${stated}`;
}
