import type { ModelArch } from "../catalog/types";
import { kvHeadsPerRank } from "./params";
import { ceilDiv } from "./units";

export const DEFAULT_BLOCK_SIZE = 16;

/** Bytes of one cached K/V element: fp8 cache dtypes store 1 byte, "auto" follows the model dtype (16 bit). */
export function kvDtypeBytes(kvCacheDtype: string, dtype: string): number {
  if (kvCacheDtype.startsWith("fp8")) return 1;
  return dtype === "float32" ? 4 : 2;
}

/**
 * KV bytes of one token in one layer on one GPU. MLA caches one latent (kv_lora_rank + rope dims), replicated per rank,
 * where the engine supports it (`mlaLatent`); before that (vLLM < 0.7.1, TGI) DeepSeek-V2-style attention is expanded
 * to full K and V per head, V padded to K's qk_nope + qk_rope width.
 */
export function kvBytesPerTokenPerLayer(arch: ModelArch, tp: number, dtypeBytes: number, mlaLatent = true): number {
  if (arch.mla && mlaLatent) return (arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim) * dtypeBytes;
  if (arch.mla) {
    const headWidth = (arch.mla.qkNopeHeadDim ?? 0) + arch.mla.qkRopeHeadDim;
    return 2 * Math.ceil(arch.numAttentionHeads / tp) * headWidth * dtypeBytes;
  }
  return 2 * kvHeadsPerRank(arch, tp) * arch.headDim * dtypeBytes;
}

export const kvBytesPerTokenPerGpu = (arch: ModelArch, tp: number, dtypeBytes: number): number =>
  arch.numLayers * kvBytesPerTokenPerLayer(arch, tp, dtypeBytes);

export interface KvPool {
  blocks: number;
  tokens: number;
  bytes: number;
}

/** vLLM's `num_blocks = available // page_size // num_layers`: whole blocks, never negative. */
export function kvPool(availableBytes: number, bytesPerTokenPerGpu: number, blockSize: number): KvPool {
  const blockBytes = bytesPerTokenPerGpu * blockSize;
  const blocks = availableBytes > 0 ? Math.floor(availableBytes / blockBytes) : 0;
  return { blocks, tokens: blocks * blockSize, bytes: blocks * blockBytes };
}

/** Sliding-window layers (Gemma 2/3 style) when the engine's KV manager gives them only window-sized blocks. */
export interface SlidingWindowShape {
  slidingLayers: number;
  window: number;
}

export function slidingWindowShape(arch: ModelArch): SlidingWindowShape | undefined {
  if (!arch.slidingWindow || !arch.slidingWindowLayers || arch.slidingWindowLayers >= arch.numLayers) return undefined;
  return { slidingLayers: arch.slidingWindowLayers, window: arch.slidingWindow };
}

/**
 * Requests of `maxModelLen` tokens the pool holds at once. With a hybrid KV manager (vLLM ≥ 0.10) sliding-window
 * layers need only window + 1 blocks per request, so concurrency grows; tokens are reported the same way.
 */
export function maxConcurrency(
  pool: KvPool,
  maxModelLen: number,
  numLayers: number,
  blockSize: number,
  sliding?: SlidingWindowShape,
): number {
  if (maxModelLen <= 0) return 0;
  if (!sliding) return pool.tokens / maxModelLen;
  const fullLayers = numLayers - sliding.slidingLayers;
  const blocksPerLayerPool = pool.blocks; // every layer has the same number of blocks
  const blocksPerRequest =
    fullLayers * ceilDiv(maxModelLen, blockSize) +
    sliding.slidingLayers * Math.min(ceilDiv(sliding.window, blockSize) + 1, ceilDiv(maxModelLen, blockSize));
  return (blocksPerLayerPool * numLayers) / blocksPerRequest;
}
