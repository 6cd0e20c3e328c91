import type { ModelArch } from "../catalog";

/**
 * KV-cache bytes of one token on one rank: K and V for every layer of the rank's pipeline stage,
 * for the KV heads of the rank (replicated when TP exceeds the KV-head count). MLA models keep one
 * latent vector per token (kv_lora_rank + rope dims), replicated on every rank.
 */
export function kvBytesPerToken(arch: ModelArch, ranks: { tp: number; pp: number }, dtypeBytes: number): number {
  const layers = Math.ceil(arch.numLayers / ranks.pp);
  if (arch.mla) return layers * (arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim) * dtypeBytes;
  const heads = Math.max(1, Math.floor(arch.numKeyValueHeads / ranks.tp));
  return 2 * layers * heads * arch.headDim * dtypeBytes;
}

/** Bytes of one KV block of `blockSize` tokens for one layer (vLLM's page size). */
export function pageBytesPerLayer(arch: ModelArch, tp: number, blockSize: number, dtypeBytes: number): number {
  if (arch.mla) return blockSize * (arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim) * dtypeBytes;
  const heads = Math.max(1, Math.floor(arch.numKeyValueHeads / tp));
  return 2 * blockSize * heads * arch.headDim * dtypeBytes;
}

/** bytes per element of the KV cache: fp8 variants 1, otherwise the model's 16-bit dtype (fp32 models too keep 2 in practice only when cast; we honour 4). */
export function kvDtypeBytes(kvCacheDtype: string | undefined, modelDtypeBytes: number): number {
  if (kvCacheDtype?.startsWith("fp8")) return 1;
  if (kvCacheDtype === "int8") return 1;
  if (kvCacheDtype === "float16" || kvCacheDtype === "bfloat16") return 2;
  return modelDtypeBytes;
}
