import { EngineFailure } from "../failure";
import type { SimGpu } from "../gpu/host";
import { pageBytesPerLayer } from "../model/kv";
import { activationPeakBytes, cudaGraphBytes, nonTorchBytes, torchTotalBytes } from "../model/overheads";
import { weightsPerRank } from "../model/weights";
import type { VllmSettings } from "./config";

const GIB = 2 ** 30;
const gib = (bytes: number) => (bytes / GIB).toFixed(2);

/** One rank's memory after start-up, and the numbers vLLM logs on the way. */
export interface RankMemory {
  gpu: SimGpu;
  weightsBytes: number;
  activationBytes: number;
  nonTorchBytes: number;
  availableKvBytes: number;
  kvBytes: number;
  cudaGraphBytes: number;
  contextBytes: number;
  /** What nvidia-smi shows this process holding on the GPU. */
  usedBytes: number;
}

export interface VllmMemory {
  ranks: RankMemory[];
  numBlocks: number;
  kvTokens: number;
  layersPerRank: number;
  pageBytes: number;
}

/**
 * vLLM V1's KV sizing (gpu_worker.determine_available_memory, kv_cache_utils.get_kv_cache_config):
 * requested = total × gpu_memory_utilization; available KV = requested − weights − activation peak of
 * a max_num_batched_tokens profile − non-torch memory (or --kv-cache-memory-bytes); whole blocks of
 * block_size tokens for every layer; the minimum over ranks; --num-gpu-blocks-override wins.
 * `othersBytes` is what other processes already hold on each GPU (from the state directory).
 */
export function sizeVllmMemory(
  settings: VllmSettings,
  gpus: readonly SimGpu[],
  othersBytes: (gpu: SimGpu) => number,
): VllmMemory {
  const { arch, tp, pp } = settings;
  const weights = weightsPerRank(arch, { tp, pp }, settings.quantization);
  const layersPerRank = Math.ceil(arch.numLayers / pp);
  const pageBytes = pageBytesPerLayer(arch, tp, settings.blockSize, settings.kvDtypeBytes);
  const ranks = gpus.map((gpu) =>
    rankBeforeKv(settings, gpu, othersBytes(gpu), Math.max(0, weights.bytes - settings.cpuOffloadBytes)),
  );
  const available = Math.min(...ranks.map((r) => r.availableKvBytes));
  checkOneSequenceFits(settings, available, pageBytes * layersPerRank);
  const numBlocks = settings.numGpuBlocksOverride ?? Math.floor(available / pageBytes / layersPerRank);
  const kvBytes = numBlocks * pageBytes * layersPerRank;
  const graphs = cudaGraphBytes(arch, pp, settings.enforceEager);
  for (const rank of ranks) {
    rank.kvBytes = kvBytes;
    rank.cudaGraphBytes = graphs;
    rank.usedBytes =
      rank.contextBytes + rank.weightsBytes + rank.nonTorchBytes + rank.activationBytes + kvBytes + graphs;
  }
  return { ranks, numBlocks, kvTokens: numBlocks * settings.blockSize, layersPerRank, pageBytes };
}

function rankBeforeKv(settings: VllmSettings, gpu: SimGpu, others: number, weightsBytes: number): RankMemory {
  const total = torchTotalBytes(gpu);
  const contextBytes = gpu.traits.contextBytes;
  const free = total - others - contextBytes;
  const requested = total * settings.gpuMemoryUtilization;
  checkFreeMemory(settings, gpu, others);
  if (weightsBytes > free) {
    throw new EngineFailure(
      `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${Math.ceil((weightsBytes - Math.max(0, free)) / 2 ** 20)} MiB. GPU 0 has a total capacity of ${gib(total)} GiB of which ${Math.max(0, Math.floor(free / 2 ** 20))} MiB is free.`,
    );
  }
  const activationBytes = activationPeakBytes(
    settings.arch,
    settings.tp,
    settings.maxNumBatchedTokens,
    settings.maxNumSeqs,
  );
  const nonTorch = nonTorchBytes(gpu, settings.tp * settings.pp);
  const availableKvBytes =
    settings.kvCacheMemoryBytes ?? Math.floor(requested - weightsBytes - activationBytes - nonTorch);
  return {
    gpu,
    weightsBytes,
    activationBytes,
    nonTorchBytes: nonTorch,
    availableKvBytes,
    kvBytes: 0,
    cudaGraphBytes: 0,
    contextBytes,
    usedBytes: 0,
  };
}

/** gpu_worker.init_device, before any weight loads: the card must have total × utilisation free. */
export function checkFreeMemory(settings: VllmSettings, gpu: SimGpu, othersBytes: number): void {
  const total = torchTotalBytes(gpu);
  const free = total - othersBytes - gpu.traits.contextBytes;
  const requested = total * settings.gpuMemoryUtilization;
  if (settings.kvCacheMemoryBytes !== undefined || free >= requested) return;
  throw new EngineFailure(
    `ValueError: Free memory on device (${gib(free)}/${gib(total)} GiB) on startup is less than desired GPU memory utilization (${settings.gpuMemoryUtilization}, ${gib(requested)} GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.`,
  );
}

/** kv_cache_utils.check_enough_kv_cache_memory, with vLLM's own wording. */
function checkOneSequenceFits(settings: VllmSettings, available: number, bytesPerBlock: number): void {
  if (available <= 0) {
    throw new EngineFailure(
      "ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.",
    );
  }
  const bytesFor = (tokens: number) => Math.ceil(tokens / settings.blockSize) * bytesPerBlock;
  const needed = bytesFor(settings.maxModelLen);
  if (needed <= available) return;
  const estimated = Math.floor(available / bytesPerBlock) * settings.blockSize;
  throw new EngineFailure(
    `ValueError: To serve at least one request with the models's max seq len (${settings.maxModelLen}), (${gib(needed)} GiB KV cache is needed, which is larger than the available KV cache memory (${gib(available)} GiB). Based on the available memory, the estimated maximum model length is ${estimated}. Try increasing \`gpu_memory_utilization\` or decreasing \`max_model_len\` when initializing the engine.`,
  );
}
