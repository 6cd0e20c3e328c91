import { EngineFailure } from "../failure";
import type { SimGpu } from "../gpu/host";
import { activationPeakBytes, cudaGraphBytes, nonTorchBytes, torchTotalBytes } from "../model/overheads";
import { weightsPerRank } from "../model/weights";
import type { TgiSettings } from "./config";

/** server/text_generation_server/models/globals.py: TGI_WIGGLE_ROOM defaults to 0.90. */
export const TGI_WIGGLE_ROOM = 0.9;

export interface TgiShardMemory {
  gpu: SimGpu;
  weightsBytes: number;
  usedBytes: number;
}

export interface TgiMemory {
  shards: TgiShardMemory[];
  numBlocks: number;
  /** What the router logs as "Setting max batch total tokens to N". */
  maxSupportedTotalTokens: number;
}

/**
 * TGI's warm-up (flash_causal_lm.py FlashCausalLM.warmup): allocate the warm-up batch's blocks, run
 * a max_batch_prefill_tokens prefill, then
 *   free = mem_get_info().free − (1 − cuda_memory_fraction × TGI_WIGGLE_ROOM) × total
 *   num_blocks = free // (layers × block_size × kv_heads × head_dim × 2 × dtype) + warm-up blocks
 * and report num_blocks × block_size tokens; the minimum over shards.
 */
export function sizeTgiMemory(settings: TgiSettings, othersBytes: (gpu: SimGpu) => number): TgiMemory {
  const { arch, numShard } = settings;
  const weights = weightsPerRank(arch, { tp: numShard, pp: 1 }, settings.quantize).bytes;
  const kvHeads = Math.max(1, Math.floor(arch.numKeyValueHeads / numShard));
  const blockBytes = arch.numLayers * settings.blockSize * kvHeads * arch.headDim * 2 * settings.kvDtypeBytes;
  const warmupBlocks = Math.ceil(settings.maxBatchPrefillTokens / settings.blockSize);
  const activation = activationPeakBytes(arch, numShard, settings.maxBatchPrefillTokens, 1);
  const graphs = settings.cudaGraphs.length === 0 ? 0 : Math.round(cudaGraphBytes(arch, 1, false) * 0.6);
  const perShard = settings.shards.map((gpu) => {
    const total = torchTotalBytes(gpu);
    const freeAtStart = total - othersBytes(gpu) - gpu.traits.contextBytes;
    if (weights > freeAtStart) {
      throw new EngineFailure(
        `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${Math.ceil((weights - Math.max(0, freeAtStart)) / 2 ** 20)} MiB. GPU 0 has a total capacity of ${(total / 2 ** 30).toFixed(2)} GiB of which ${Math.max(0, Math.floor(freeAtStart / 2 ** 20))} MiB is free.`,
      );
    }
    const afterWarmup = freeAtStart - weights - nonTorchBytes(gpu, numShard) - activation - warmupBlocks * blockBytes;
    if (afterWarmup < 0) {
      throw new EngineFailure(
        `RuntimeError: Not enough memory to handle ${settings.maxBatchPrefillTokens} prefill tokens. You need to decrease \`--max-batch-prefill-tokens\``,
      );
    }
    const free = Math.max(0, afterWarmup - (1 - settings.cudaMemoryFraction * TGI_WIGGLE_ROOM) * total);
    return { gpu, numBlocks: Math.floor(free / blockBytes) + warmupBlocks };
  });
  const numBlocks = Math.min(...perShard.map((s) => s.numBlocks));
  const shards = perShard.map(({ gpu }) => ({
    gpu,
    weightsBytes: weights,
    usedBytes:
      gpu.traits.contextBytes + weights + nonTorchBytes(gpu, numShard) + activation + numBlocks * blockBytes + graphs,
  }));
  return { shards, numBlocks, maxSupportedTotalTokens: numBlocks * settings.blockSize };
}
