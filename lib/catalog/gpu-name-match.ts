/**
 * The one way a GPU name is matched against the catalog, for names people type and names drivers print: whole words
 * only ("H200X" is not an H200, "L40" not an L4, "A10G" not an A10), a laptop card is not its desktop namesake, the
 * longest catalog name whose words appear in a row wins, and a tie between two GPUs is no match.
 */
import type { GpuSpec } from "./types";

/** Vendor and product-line words people and drivers add or leave out. */
const NOISE_WORDS = new Set(["nvidia", "geforce", "tesla", "rtx", "quadro", "gpu", "amd", "instinct"]);

/**
 * Words naming another card of the same number or line: "RTX 4080 Laptop GPU" has 12 GB where the desktop 4080 has
 * 16, a 3060 Ti 8 GB where the 3060 has 12, an A800 PCIe is not the SXM part, a Titan V or Xp not the Titan RTX.
 */
const VARIANT_WORDS = new Set(["laptop", "mobile", "maxq", "ti", "super", "pcie", "v", "x", "xp"]);

/** A word that makes another card of a name ("ti", "laptop", "pcie"…). */
export const isVariantWord = (word: string): boolean => VARIANT_WORDS.has(word);

/** "NVIDIA GeForce RTX 4090 D" → ["4090", "d"]. */
export function gpuWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !NOISE_WORDS.has(word));
}

/** Every spelling of a catalog GPU: id, name, nvidia-smi name and aliases. */
export const gpuNames = (gpu: GpuSpec): string[] =>
  [gpu.id, gpu.name, gpu.smiName ?? "", ...gpu.aliases].filter(Boolean);

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}

/** The catalog GPU whose longest name appears, word for word, inside `text`; undefined when none or two tie. */
export function matchGpuWords(text: string, gpus: readonly GpuSpec[]): GpuSpec | undefined {
  const words = gpuWords(text.replace(/max-q/gi, "maxq"));
  if (words.length === 0) return undefined;
  const variants = words.filter((word) => VARIANT_WORDS.has(word));
  let best: { gpu: GpuSpec; length: number } | undefined;
  let tie = false;
  for (const gpu of gpus) {
    for (const name of gpuNames(gpu)) {
      const nameWords = gpuWords(name);
      if (nameWords.length === 0 || !containsRun(words, nameWords)) continue;
      if (variants.some((variant) => !nameWords.includes(variant))) continue;
      const length = nameWords.join(" ").length;
      if (!best || length > best.length) {
        best = { gpu, length };
        tie = false;
      } else if (length === best.length && best.gpu.id !== gpu.id) tie = true;
    }
  }
  return best && !tie ? best.gpu : undefined;
}
