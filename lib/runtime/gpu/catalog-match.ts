import { listGpus, type GpuSpec } from "@/lib/catalog";

/**
 * The catalog GPU a discovered card is. Names match on whole words ("NVIDIA H200X" is not an H200, "A10G" is not an
 * A10), the longest matching name wins, and the card's memory must agree with the catalog's within 2 % (an
 * "H100 NVL" with 94 GB is not the 80 GB H100 even though its name contains "H100"). No match or an ambiguous one
 * gives undefined: the caller then uses the card's own memory as a custom GPU.
 */
export function matchCatalogGpu(
  productName: string,
  memoryTotalBytes: number | null,
  gpus: readonly GpuSpec[] = listGpus(),
): GpuSpec | undefined {
  const product = wordsOf(productName);
  if (product.length === 0) return undefined;
  let best: { gpu: GpuSpec; length: number } | undefined;
  let tie = false;
  for (const gpu of gpus) {
    const length = longestNameInside(product, gpu);
    if (length === 0) continue;
    if (!best || length > best.length) {
      best = { gpu, length };
      tie = false;
    } else if (length === best.length && best.gpu.id !== gpu.id) tie = true;
  }
  if (!best || tie) return undefined;
  if (memoryTotalBytes !== null && Math.abs(memoryTotalBytes - best.gpu.memoryBytes) > 0.02 * best.gpu.memoryBytes)
    return undefined;
  return best.gpu;
}

/** Words, lower-case, with the vendor words dropped: "NVIDIA GeForce RTX 4090 D" → ["rtx", "4090", "d"]. */
function wordsOf(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && word !== "nvidia" && word !== "geforce" && word !== "tesla");
}

/** The length in characters of the longest name of `gpu` whose words appear in a row among `product`'s words. */
function longestNameInside(product: string[], gpu: GpuSpec): number {
  let longest = 0;
  for (const name of [gpu.smiName ?? "", gpu.name, ...gpu.aliases]) {
    const words = wordsOf(name);
    if (words.length === 0) continue;
    const joined = words.join(" ");
    if (joined.length > longest && containsRun(product, words)) longest = joined.length;
  }
  return longest;
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}
