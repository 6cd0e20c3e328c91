import type { GpuSpec } from "./types";
import { MIB } from "../vocabulary/units";

const GB_PER_S = 1e9;

/** nvidia-smi prints totals in MiB; the catalog stores bytes. */
export const mibToBytes = (mib: number): number => mib * MIB;

/**
 * Memory totals are what nvidia-smi prints (`memory.total`, MiB), not the marketing size: an
 * "80 GB" H100 reports 81,559 MiB. Each was read from real nvidia-smi output in public issues and
 * READMEs (shared/calibration/h100-nvidia-smi.txt for the H100 SXM). Drivers differ slightly:
 * older ones print 24,268 MiB for an RTX 3090 and 16,160 MiB for a V100 16GB; the values below
 * are those of 5xx drivers. Bandwidth is the vendor's datasheet figure.
 */
const gpu = (spec: Omit<GpuSpec, "memoryBytes"> & { memoryMiB: number }): GpuSpec => {
  const { memoryMiB, ...rest } = spec;
  return { ...rest, memoryBytes: mibToBytes(memoryMiB) };
};

/** vLLM logs total_gpu_memory 39.38 GiB on an A100 40GB (40,960 MiB in nvidia-smi): the driver keeps 640 MiB. */
const a100CudaTotal = (memoryMiB: number): number => (memoryMiB - 640) * MIB;

export const GPUS: readonly GpuSpec[] = [
  gpu({
    id: "b200",
    name: "B200 180GB",
    smiName: "NVIDIA B200",
    // `nvidia-smi --query-gpu=name,memory.total` on B200 hosts with drivers 580 and 595: "NVIDIA B200, 183359 MiB".
    memoryMiB: 183_359,
    bandwidthBytesPerSecond: 8000 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "nvlink",
    computeCapability: 10.0,
    aliases: ["b200", "b200 180gb", "b200 sxm", "hgx b200", "dgx b200"],
  }),
  gpu({
    id: "h200",
    name: "H200 141GB",
    smiName: "NVIDIA H200",
    memoryMiB: 143_771,
    // torch.cuda.mem_get_info() on the H200 of bench/results/h200-nontorch.json (driver 580.159.04).
    cudaTotalBytes: 150_109_880_320,
    bandwidthBytesPerSecond: 4800 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "nvlink",
    computeCapability: 9.0,
    aliases: ["h200", "h200 141gb", "h200 sxm", "h200-sxm"],
  }),
  gpu({
    id: "h100-sxm",
    name: "H100 SXM 80GB",
    smiName: "NVIDIA H100 80GB HBM3",
    memoryMiB: 81_559,
    // torch.cuda.mem_get_info() on the H100 of bench/gpu/README.md (driver 580); vLLM logs it as 79.18 GiB.
    cudaTotalBytes: 85_017_493_504,
    bandwidthBytesPerSecond: 3350 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "nvlink",
    computeCapability: 9.0,
    aliases: ["h100", "h100 80gb", "h100 sxm", "h100 sxm5", "h100-sxm", "h100 80gb hbm3"],
  }),
  // The H100's export variant: the same 80 GB board, NVLink cut to 400 GB/s.
  gpu({
    id: "h800",
    name: "H800 80GB",
    smiName: "NVIDIA H800",
    memoryMiB: 81_559,
    bandwidthBytesPerSecond: 3350 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "nvlink",
    computeCapability: 9.0,
    aliases: ["h800", "h800 80gb", "h800 sxm"],
  }),
  gpu({
    id: "h100-pcie",
    name: "H100 PCIe 80GB",
    smiName: "NVIDIA H100 PCIe",
    memoryMiB: 81_559,
    bandwidthBytesPerSecond: 2000 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 9.0,
    aliases: ["h100 pcie", "h100-pcie", "h100 pcie 80gb"],
  }),
  gpu({
    id: "a100-sxm-80gb",
    name: "A100 SXM 80GB",
    smiName: "NVIDIA A100-SXM4-80GB",
    memoryMiB: 81_920,
    cudaTotalBytes: a100CudaTotal(81_920),
    bandwidthBytesPerSecond: 2039 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "nvlink",
    computeCapability: 8.0,
    aliases: ["a100 80gb", "a100-80gb", "a100 sxm 80gb", "a100 sxm4 80gb"],
  }),
  gpu({
    id: "a100-pcie-80gb",
    name: "A100 PCIe 80GB",
    smiName: "NVIDIA A100 80GB PCIe",
    memoryMiB: 81_920,
    cudaTotalBytes: a100CudaTotal(81_920),
    bandwidthBytesPerSecond: 1935 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.0,
    aliases: ["a100 pcie 80gb", "a100 80gb pcie", "a100-pcie-80gb"],
  }),
  gpu({
    id: "a100-sxm-40gb",
    name: "A100 SXM 40GB",
    smiName: "NVIDIA A100-SXM4-40GB",
    memoryMiB: 40_960,
    cudaTotalBytes: a100CudaTotal(40_960),
    bandwidthBytesPerSecond: 1555 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "nvlink",
    computeCapability: 8.0,
    aliases: ["a100 40gb", "a100-40gb", "a100 sxm 40gb", "a100 sxm4 40gb"],
  }),
  gpu({
    id: "a100-pcie-40gb",
    name: "A100 PCIe 40GB",
    smiName: "NVIDIA A100-PCIE-40GB",
    memoryMiB: 40_960,
    cudaTotalBytes: a100CudaTotal(40_960),
    bandwidthBytesPerSecond: 1555 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.0,
    aliases: ["a100 pcie 40gb", "a100 40gb pcie", "a100-pcie-40gb"],
  }),
  gpu({
    id: "rtx-pro-6000-blackwell",
    name: "RTX PRO 6000 Blackwell 96GB",
    smiName: "NVIDIA RTX PRO 6000 Blackwell Server Edition",
    // nvidia-smi "NVIDIA RTX PRO 6000 Blackwell Server Edition, 97887 MiB" (AWS g7e and rented hosts); vLLM 0.27.1
    // "Free memory on device (94.05/95.01 GiB)" (kubesimplify/website, bench/calibration/cases).
    memoryMiB: 97_887,
    cudaTotalBytes: Math.round(95.01 * 2 ** 30),
    bandwidthBytesPerSecond: 1792 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 12.0,
    aliases: [
      "rtx pro 6000",
      "rtx pro 6000 blackwell",
      "rtx pro 6000 blackwell server edition",
      "rtx pro 6000 96gb",
      "rtx-pro-6000",
    ],
  }),
  gpu({
    id: "gb10",
    name: "GB10 (DGX Spark) 128GB unified",
    smiName: "NVIDIA GB10",
    // Unified LPDDR5X shared with the CPU; nvidia-smi prints no memory total. cudaGetDeviceProperties on a DGX Spark
    // (driver 580.126.09, CUDA 13.0): 130,596,753,408 bytes.
    memoryMiB: 124_546,
    cudaTotalBytes: 130_596_753_408,
    bandwidthBytesPerSecond: 273 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 12.1,
    aliases: ["gb10", "dgx spark", "nvidia dgx spark"],
  }),
  gpu({
    id: "l40s",
    name: "L40S 48GB",
    smiName: "NVIDIA L40S",
    memoryMiB: 46_068,
    bandwidthBytesPerSecond: 864 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    aliases: ["l40s", "l40s 48gb"],
  }),
  gpu({
    id: "l4",
    name: "L4 24GB",
    smiName: "NVIDIA L4",
    memoryMiB: 23_034,
    bandwidthBytesPerSecond: 300 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    aliases: ["l4", "l4 24gb"],
  }),
  gpu({
    id: "a10g",
    name: "A10G 24GB",
    smiName: "NVIDIA A10G",
    memoryMiB: 23_028,
    bandwidthBytesPerSecond: 600 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.6,
    aliases: ["a10g", "a10g 24gb"],
  }),
  gpu({
    id: "a10",
    name: "A10 24GB",
    smiName: "NVIDIA A10",
    memoryMiB: 23_028,
    bandwidthBytesPerSecond: 600 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.6,
    aliases: ["a10", "a10 24gb"],
  }),
  gpu({
    id: "t4",
    name: "T4 16GB",
    smiName: "Tesla T4",
    memoryMiB: 15_360,
    bandwidthBytesPerSecond: 320 * GB_PER_S,
    bf16: false,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 7.5,
    aliases: ["t4", "t4 16gb"],
  }),
  gpu({
    id: "v100-sxm2-16gb",
    name: "V100 SXM2 16GB",
    smiName: "Tesla V100-SXM2-16GB",
    memoryMiB: 16_384,
    bandwidthBytesPerSecond: 900 * GB_PER_S,
    bf16: false,
    fp8: false,
    interconnect: "nvlink",
    computeCapability: 7.0,
    aliases: ["v100 16gb", "v100-16gb", "v100 sxm2 16gb"],
  }),
  gpu({
    id: "v100-sxm2-32gb",
    name: "V100 SXM2 32GB",
    smiName: "Tesla V100-SXM2-32GB",
    memoryMiB: 32_768,
    bandwidthBytesPerSecond: 900 * GB_PER_S,
    bf16: false,
    fp8: false,
    interconnect: "nvlink",
    computeCapability: 7.0,
    aliases: ["v100 32gb", "v100-32gb", "v100 sxm2 32gb"],
  }),
  gpu({
    id: "v100-pcie-32gb",
    name: "V100 PCIe 32GB",
    smiName: "Tesla V100-PCIE-32GB",
    memoryMiB: 32_768,
    bandwidthBytesPerSecond: 900 * GB_PER_S,
    bf16: false,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 7.0,
    aliases: ["v100 pcie 32gb", "v100-pcie-32gb"],
  }),
  gpu({
    id: "rtx-4090",
    name: "RTX 4090 24GB",
    smiName: "NVIDIA GeForce RTX 4090",
    memoryMiB: 24_564,
    bandwidthBytesPerSecond: 1008 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    peerToPeer: false,
    aliases: ["4090", "rtx 4090", "rtx4090", "4090 24gb"],
  }),
  // 24,564 MiB seen once, in a public fixture of "NVIDIA RTX 4090 D" nvidia-smi output (same board memory as the 4090).
  gpu({
    id: "rtx-4090d",
    name: "RTX 4090D 24GB",
    smiName: "NVIDIA GeForce RTX 4090 D",
    memoryMiB: 24_564,
    bandwidthBytesPerSecond: 1008 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    peerToPeer: false,
    aliases: ["4090d", "4090 d", "rtx 4090d", "rtx 4090 d", "rtx4090d"],
  }),
  gpu({
    id: "rtx-4080",
    name: "RTX 4080 16GB",
    smiName: "NVIDIA GeForce RTX 4080",
    memoryMiB: 16_376,
    bandwidthBytesPerSecond: 717 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    peerToPeer: false,
    aliases: ["4080", "rtx 4080", "rtx4080"],
  }),
  gpu({
    id: "rtx-4080-laptop",
    name: "RTX 4080 Laptop 12GB",
    smiName: "NVIDIA GeForce RTX 4080 Laptop GPU",
    // nvidia-smi "NVIDIA GeForce RTX 4080 Laptop GPU, 12,282 MiB" and vLLM 0.23 "Free memory on device cuda:0
    // (10.79/11.99 GiB)" under WSL2 (men16922/llmso-study, labs/wsl2-vllm-baseline).
    memoryMiB: 12_282,
    cudaTotalBytes: Math.round(11.99 * 2 ** 30),
    bandwidthBytesPerSecond: 432 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    peerToPeer: false,
    aliases: ["4080 laptop", "rtx 4080 laptop", "rtx 4080 laptop gpu", "rtx 4080 mobile"],
  }),
  gpu({
    id: "rtx-3090",
    name: "RTX 3090 24GB",
    smiName: "NVIDIA GeForce RTX 3090",
    memoryMiB: 24_576,
    // vLLM 0.6.4 logs total_gpu_memory=23.58GiB on an RTX 3090 (bench/calibration/cases, vllm#10722).
    cudaTotalBytes: Math.round(23.58 * 2 ** 30),
    peerToPeer: false,
    bandwidthBytesPerSecond: 936 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.6,
    aliases: ["3090", "rtx 3090", "rtx3090"],
  }),
  gpu({
    id: "rtx-4060",
    name: "RTX 4060 8GB",
    smiName: "NVIDIA GeForce RTX 4060",
    memoryMiB: 8_188,
    bandwidthBytesPerSecond: 272 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    peerToPeer: false,
    aliases: ["4060", "rtx 4060", "rtx4060"],
  }),
  gpu({
    id: "rtx-5090",
    name: "RTX 5090 32GB",
    smiName: "NVIDIA GeForce RTX 5090",
    memoryMiB: 32_607,
    bandwidthBytesPerSecond: 1792 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 12.0,
    peerToPeer: false,
    aliases: ["5090", "rtx 5090", "rtx5090"],
  }),
  gpu({
    id: "rtx-a6000",
    name: "RTX A6000 48GB",
    smiName: "NVIDIA RTX A6000",
    memoryMiB: 49_140,
    bandwidthBytesPerSecond: 768 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    computeCapability: 8.6,
    aliases: ["a6000", "rtx a6000", "rtx a6000 48gb"],
  }),
  // The corpus's RTX 2000 Ada (workstation, 16 GB) prints 16,376 MiB in nvidia-smi.
  gpu({
    id: "rtx-2000-ada",
    name: "RTX 2000 Ada 16GB",
    smiName: "NVIDIA RTX 2000 Ada Generation",
    memoryMiB: 16_376,
    bandwidthBytesPerSecond: 224 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "pcie",
    computeCapability: 8.9,
    aliases: ["rtx 2000 ada", "rtx 2000 ada generation", "2000 ada"],
  }),
  // AMD Instinct MI300X: ROCm's torch reports 191.98 GiB; Infinity Fabric joins the 8 cards of a node all-to-all.
  gpu({
    id: "mi300x",
    name: "MI300X 192GB",
    memoryMiB: 196_592,
    bandwidthBytesPerSecond: 5300 * GB_PER_S,
    bf16: true,
    fp8: true,
    interconnect: "nvlink",
    aliases: ["mi300x", "instinct mi300x", "amd instinct mi300x"],
  }),
  gpu({
    id: "rx-7900-gre",
    name: "Radeon RX 7900 GRE 16GB",
    smiName: "AMD Radeon RX 7900 GRE",
    // ROCm reports a 16 GB Navi card whole: 17,163,091,968 bytes ("15.98 GiB total capacity" in HIP OOM messages).
    memoryMiB: 16_368,
    cudaTotalBytes: 16_368 * 2 ** 20,
    bandwidthBytesPerSecond: 576 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    aliases: ["7900 gre", "rx 7900 gre", "radeon rx 7900 gre"],
  }),
  gpu({
    id: "w7900",
    name: "Radeon Pro W7900 48GB",
    // ROCm reports the whole VRAM: vLLM logs total_gpu_memory=44.98GiB on a W7900 (AUGMXNT/llm-tracker.info-vault).
    memoryMiB: 46_060,
    cudaTotalBytes: Math.round(44.98 * 2 ** 30),
    bandwidthBytesPerSecond: 864 * GB_PER_S,
    bf16: true,
    fp8: false,
    interconnect: "pcie",
    aliases: ["w7900", "radeon pro w7900", "amd radeon pro w7900", "radeon pro w7900 48gb"],
  }),
];

/**
 * What the driver keeps of a card's memory, so CUDA reports less than nvidia-smi: 481 MiB on the H100 and 615 MiB on
 * the H200 measured here, 430 MiB on an RTX 3090 from a vLLM log. A card without a measurement gets the H100's.
 */
export const DRIVER_RESERVED_BYTES = 481 * MIB;

/** Total memory as CUDA (and so vLLM and TGI) sees it. */
export const cudaTotalBytes = (gpu: Pick<GpuSpec, "memoryBytes" | "cudaTotalBytes">): number =>
  gpu.cudaTotalBytes ?? Math.max(0, gpu.memoryBytes - DRIVER_RESERVED_BYTES);

export interface CustomGpuOptions {
  name?: string;
  /** 0 when unknown. */
  bandwidthBytesPerSecond?: number;
  bf16?: boolean;
  fp8?: boolean;
}

/** A GPU that is not in the catalog, known only by its memory (e.g. read from nvidia-smi). */
export function customGpu(memoryBytes: number, options: CustomGpuOptions = {}): GpuSpec {
  if (!Number.isSafeInteger(memoryBytes) || memoryBytes <= 0) {
    throw new RangeError(`customGpu memoryBytes is ${memoryBytes}: expected a positive whole number of bytes`);
  }
  return {
    id: "custom",
    name: options.name ?? `Custom GPU (${Math.round(memoryBytes / MIB)} MiB)`,
    memoryBytes,
    bandwidthBytesPerSecond: options.bandwidthBytesPerSecond ?? 0,
    bf16: options.bf16 ?? true,
    fp8: options.fp8 ?? false,
    interconnect: "pcie",
    aliases: [],
  };
}
