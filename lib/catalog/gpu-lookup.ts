import { GPUS } from "./gpus";
import { gpuNames, gpuWords, isVariantWord, matchGpuWords } from "./gpu-name-match";
import { compact, editDistance } from "./text-match";
import type { GpuSpec } from "./types";

function gpuKey(text: string): string {
  return compact(gpuWords(text).join(" "));
}

function keysOf(gpu: GpuSpec): string[] {
  return [...new Set(gpuNames(gpu).map(gpuKey))].filter((key) => key.length > 0);
}

export function listGpus(): readonly GpuSpec[] {
  return GPUS;
}

/**
 * Finds a GPU by id, name, nvidia-smi name or a loose spelling: "H100", "NVIDIA H100 80GB HBM3",
 * "h100-sxm", "RTX 3090", "3090", "L40S", "4090D". An unknown or ambiguous name ("A100": 40 or
 * 80 GB?) gives undefined; `suggestGpus` lists what the person may have meant.
 */
export function findGpu(name: string): GpuSpec | undefined {
  const query = gpuKey(name);
  if (query.length === 0) return undefined;
  const exact = GPUS.filter((gpu) => keysOf(gpu).includes(query));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  return matchGpuWords(name, GPUS) ?? onlyGpuWithAllWords(name);
}

/** The query says less than the names ("a100 sxm4 80"): every word must be a word of one GPU's names. */
function onlyGpuWithAllWords(name: string): GpuSpec | undefined {
  const words = gpuWords(name);
  if (words.length === 0) return undefined;
  const matches = GPUS.filter((gpu) => {
    const own = new Set(gpuNames(gpu).flatMap(gpuWords));
    // "RTX 2080" says less than "RTX 2080 Ti", but a Ti is another card.
    const variants = [...own].filter(isVariantWord);
    return words.every((word) => own.has(word)) && variants.every((variant) => words.includes(variant));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** Catalog GPU names closest to `name`, best first, for "did you mean" messages. */
export function suggestGpus(name: string, limit = 5): string[] {
  const query = gpuKey(name);
  const scored = GPUS.map((gpu) => {
    const keys = keysOf(gpu);
    const contains = query.length > 0 && keys.some((key) => key.includes(query) || query.includes(key));
    const distance = Math.min(...keys.map((key) => editDistance(query, key)));
    return { gpu, score: (contains ? 0 : 100) + distance };
  });
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map(({ gpu }) => gpu.name);
}
