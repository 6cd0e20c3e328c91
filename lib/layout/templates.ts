/**
 * Starting layouts. The first three are the seed article's table (Qwen2.5-7B on one host of
 * 4× RTX 4090D 24 GB, 64 GB RAM, 16 cores) with its container limits; the rest are common
 * datacenter shapes. Model and GPU ids are catalog ids (lib/catalog).
 */
import { type Host, type InstanceInput, type Layout, layoutSchema } from "../vocabulary/layout-schema";
import { GIB } from "../vocabulary/units";

export interface LayoutTemplate {
  id: string;
  title: string;
  description: string;
  layout: Layout;
}

function host(id: string, gpuId: string, gpuCount: number, ramGiB: number, cpuCores: number, nvlink: boolean): Host {
  return {
    id,
    name: id,
    gpus: Array.from({ length: gpuCount }, (_, index) => ({ index, gpuId, ...(nvlink ? { nvlinkGroup: 0 } : {}) })),
    ramBytes: ramGiB * GIB,
    cpuCores,
    labels: {},
  };
}

const limits = (memoryGiB: number, cpus: number, shmGiB: number) => ({
  memoryBytes: memoryGiB * GIB,
  cpus,
  shmBytes: shmGiB * GIB,
});

function template(
  id: string,
  title: string,
  description: string,
  hosts: Host[],
  instances: InstanceInput[],
): LayoutTemplate {
  return { id, title, description, layout: layoutSchema.parse({ schemaVersion: 1, name: title, hosts, instances }) };
}

/** `count` copies of an instance, `tp` GPUs each, side by side on one host, ports from 8000. */
function replicas(
  prefix: string,
  count: number,
  hostId: string,
  base: Omit<InstanceInput, "id" | "placement" | "port">,
): InstanceInput[] {
  const tp = base.tp ?? 1;
  return Array.from({ length: count }, (_, k) => ({
    ...base,
    id: count === 1 ? prefix : `${prefix}-${k + 1}`,
    placement: { hostId, gpuIndices: Array.from({ length: tp }, (_, g) => k * tp + g) },
    port: 8000 + k,
  }));
}

const seedHost = () => [host("gpu-node-1", "rtx-4090d", 4, 64, 16, false)];
/** The seed keeps VRAM at or under 90 %; 0.85 leaves room for what vLLM does not count (CUDA graphs) on a 24 GB card. */
const SEED_UTILIZATION = 0.85;
/** On 80 GB cards the uncounted part is a smaller share. */
const DATACENTER_UTILIZATION = 0.88;
const qwen7bInt4 = {
  engine: "vllm",
  model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  quantization: "gptq",
  maxModelLen: 32768,
  gpuMemoryUtilization: SEED_UTILIZATION,
} as const;

export const TEMPLATES: readonly LayoutTemplate[] = [
  template(
    "qwen2.5-7b-4090d-1x4-fp16",
    "Qwen2.5-7B: 1 instance × 4 RTX 4090D, 16 bit",
    "The seed's first row: one vLLM instance, tensor parallel over all four cards, bf16 weights (about 3.8 GB per card), 0.85 GPU memory utilization to stay under the seed's 90 % VRAM ceiling, container limits 32g memory, 8 CPUs, 8g shm.",
    seedHost(),
    replicas("qwen7b", 1, "gpu-node-1", {
      engine: "vllm",
      model: "Qwen/Qwen2.5-7B-Instruct",
      dtype: "bfloat16",
      tp: 4,
      maxModelLen: 32768,
      gpuMemoryUtilization: SEED_UTILIZATION,
      limits: limits(32, 8, 8),
    }),
  ),
  template(
    "qwen2.5-7b-4090d-2x2-int4",
    "Qwen2.5-7B: 2 instances × 2 RTX 4090D, INT4",
    "The seed's second row: two vLLM instances of the GPTQ-Int4 checkpoint (quantization gptq needs a GPTQ checkpoint), TP 2 each, container limits 16g memory, 8 CPUs, 8g shm.",
    seedHost(),
    replicas("qwen7b-int4", 2, "gpu-node-1", { ...qwen7bInt4, tp: 2, limits: limits(16, 8, 8) }),
  ),
  template(
    "qwen2.5-7b-4090d-4x1-int4",
    "Qwen2.5-7B: 4 instances × 1 RTX 4090D, INT4",
    "The seed's third row: four single-card vLLM instances of the GPTQ-Int4 checkpoint, 8g shm each. The seed's 8g memory limit is below the ~9.7 GiB the loader needs (the container would be OOM-killed), so 12g; and 4 × 8 CPUs would overcommit the 16 cores, so 4 CPUs each.",
    seedHost(),
    replicas("qwen7b-int4", 4, "gpu-node-1", { ...qwen7bInt4, tp: 1, limits: limits(12, 4, 8) }),
  ),
  template(
    "llama3.1-70b-8xh100-2x4",
    "Llama-3.1-70B: 2 instances × 4 H100",
    "One HGX H100 board (NVSwitch): two bf16 vLLM replicas of Llama-3.1-70B-Instruct, TP 4 each (about 35 GB of weights per card).",
    [host("hgx-h100-1", "h100-sxm", 8, 2048, 112, true)],
    replicas("llama70b", 2, "hgx-h100-1", {
      engine: "vllm",
      model: "meta-llama/Llama-3.1-70B-Instruct",
      tp: 4,
      maxModelLen: 32768,
      gpuMemoryUtilization: DATACENTER_UTILIZATION,
      limits: limits(256, 32, 64),
    }),
  ),
  template(
    "qwen3-235b-fp8-8xh100-2x4",
    "Qwen3-235B-A22B-FP8: 2 instances × 4 H100",
    "TP 4 × 2, not TP 8: the FP8 checkpoint quantizes in 128 × 128 blocks and its expert MLP width is 1536, so TP 8 leaves 192 columns per rank, which vLLM rejects (not divisible by 128); TP 4 gives 384. About 59 GB of weights per card, the rest for KV cache at 0.88 utilization.",
    [host("hgx-h100-1", "h100-sxm", 8, 2048, 112, true)],
    replicas("qwen3-235b-fp8", 2, "hgx-h100-1", {
      engine: "vllm",
      model: "Qwen/Qwen3-235B-A22B-FP8",
      tp: 4,
      gpuMemoryUtilization: DATACENTER_UTILIZATION,
      maxModelLen: 32768,
      limits: limits(256, 32, 64),
    }),
  ),
  template(
    "qwen2.5-14b-awq-2xl40s",
    "Qwen2.5-14B-AWQ: 2 instances × 1 L40S",
    "Two single-card vLLM instances of the AWQ checkpoint (about 10 GB of weights on a 48 GB card), one per L40S.",
    [host("l40s-node-1", "l40s", 2, 256, 32, false)],
    replicas("qwen14b-awq", 2, "l40s-node-1", {
      engine: "vllm",
      model: "Qwen/Qwen2.5-14B-Instruct-AWQ",
      quantization: "awq",
      maxModelLen: 32768,
      gpuMemoryUtilization: DATACENTER_UTILIZATION,
      limits: limits(32, 8, 8),
    }),
  ),
  template(
    "llama3.1-8b-a100",
    "Llama-3.1-8B: 1 instance × 1 A100 80GB",
    "One bf16 vLLM instance of Llama-3.1-8B-Instruct on one A100 80GB (16 GB of weights, the rest KV cache).",
    [host("a100-node-1", "a100-sxm-80gb", 1, 128, 16, false)],
    replicas("llama8b", 1, "a100-node-1", {
      engine: "vllm",
      model: "meta-llama/Llama-3.1-8B-Instruct",
      maxModelLen: 32768,
      gpuMemoryUtilization: DATACENTER_UTILIZATION,
      limits: limits(32, 8, 8),
    }),
  ),
];

export const findTemplate = (id: string): LayoutTemplate | undefined => TEMPLATES.find((t) => t.id === id);
