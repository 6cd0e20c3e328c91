import { GPUS } from "./gpus";
import { compact, editDistance } from "./text-match";
import type { GpuSpec } from "./types";

/** Vendor and product-line words people and drivers add or leave out. */
const NOISE_WORDS = /\b(nvidia|geforce|tesla|rtx|quadro|gpu)\b/g;

function gpuKey(text: string): string {
  return compact(text.toLowerCase().replace(NOISE_WORDS, " "));
}

function namesOf(gpu: GpuSpec): string[] {
  return [gpu.id, gpu.name, gpu.smiName ?? "", ...gpu.aliases].filter(Boolean);
}

function keysOf(gpu: GpuSpec): string[] {
  return [...new Set(namesOf(gpu).map(gpuKey))].filter((key) => key.length > 0);
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
  return longestKeyInside(query) ?? onlyGpuWithAllWords(name);
}

/** The query says more than a catalog key ("h100 sxm5 80gb hbm3 (700w)"): the longest key wins. */
function longestKeyInside(query: string): GpuSpec | undefined {
  let best: { gpu: GpuSpec; length: number } | undefined;
  let tie = false;
  for (const gpu of GPUS) {
    for (const key of keysOf(gpu)) {
      const at = query.indexOf(key);
      // "l4" must not match inside "l40", nor "a10" inside "a100".
      if (at < 0 || /[0-9]/.test(query[at + key.length] ?? "")) continue;
      if (!best || key.length > best.length) {
        best = { gpu, length: key.length };
        tie = false;
      } else if (key.length === best.length && best.gpu !== gpu) tie = true;
    }
  }
  return best && !tie ? best.gpu : undefined;
}

/** The query says less than the names ("a100 sxm4 80"): every word must be a word of one GPU's names. */
function onlyGpuWithAllWords(name: string): GpuSpec | undefined {
  const words = wordsOf(name);
  if (words.length === 0) return undefined;
  const matches = GPUS.filter((gpu) => {
    const own = new Set(namesOf(gpu).flatMap(wordsOf));
    return words.every((word) => own.has(word));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(NOISE_WORDS, " ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
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
