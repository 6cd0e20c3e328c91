import { listGpus, matchGpuWords, type GpuSpec } from "@/lib/catalog";

/**
 * The catalog GPU a discovered card is: the catalog's own word-boundary name matcher (lib/catalog/gpu-name-match.ts:
 * "NVIDIA H200X" is not an H200, "A10G" is not an A10, the longest matching name wins), and the card's memory must
 * agree with the catalog's within 2 % (an "H100 NVL" with 94 GB is not the 80 GB H100 even though its name contains
 * "H100"). No match or an ambiguous one gives undefined: the caller then uses the card's own memory as a custom GPU.
 */
export function matchCatalogGpu(
  productName: string,
  memoryTotalBytes: number | null,
  gpus: readonly GpuSpec[] = listGpus(),
): GpuSpec | undefined {
  const gpu = matchGpuWords(productName, gpus);
  if (!gpu) return undefined;
  if (memoryTotalBytes !== null && Math.abs(memoryTotalBytes - gpu.memoryBytes) > 0.02 * gpu.memoryBytes)
    return undefined;
  return gpu;
}
