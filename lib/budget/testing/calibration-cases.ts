import type { ModelArch } from "../../catalog/types";
import {
  LLAMA2_7B,
  LLAMA3_8B,
  LLAMA31_405B_FP8,
  LLAMA31_8B,
  QWEN25_7B,
  QWEN25_7B_AWQ,
  QWEN3_235B_FP8,
} from "./model-fixtures";

/**
 * Real vLLM start-up figures (shared/calibration/vllm-tgi-startup-logs.json) as budget inputs, with what the
 * logs reported. GiB = 2^30 bytes as vLLM prints it. `null` = not reported or not comparable.
 */
export interface CalibrationCase {
  id: string;
  source: string;
  model: ModelArch;
  gpuTotalGiB: number;
  interconnect: "nvlink" | "pcie";
  gpuName: string;
  tp: number;
  gpuMemoryUtilization: number;
  maxModelLen?: number;
  quantization?: string;
  vllmVersion: string;
  reported: {
    weightsGiB: number | null;
    availableKvGiB: number | null;
    kvTokens: number | null;
    maxConcurrency: number | null;
    activationGiB: number | null;
    nonTorchGiB: number | null;
  };
  note?: string;
}

export const CALIBRATION_CASES: readonly CalibrationCase[] = [
  {
    id: "llama31-8b-rtx3090-v0.6.4",
    source: "vllm-project/vllm#10517",
    model: LLAMA31_8B,
    gpuTotalGiB: 23.58,
    interconnect: "pcie",
    gpuName: "RTX 3090",
    tp: 1,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 20000,
    vllmVersion: "0.6.4",
    reported: {
      weightsGiB: 14.99,
      availableKvGiB: 3.81,
      kvTokens: 31232,
      maxConcurrency: 1.56,
      activationGiB: 17.06 - 14.99,
      nonTorchGiB: 0.35,
    },
  },
  {
    id: "llama3-8b-h100-tp1-v0.6.5",
    source: "vllm-project/vllm#10511",
    model: LLAMA3_8B,
    gpuTotalGiB: 79.22,
    interconnect: "nvlink",
    gpuName: "H100 80GB",
    tp: 1,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 8192,
    vllmVersion: "0.6.5",
    reported: {
      weightsGiB: 14.96,
      availableKvGiB: 53.29,
      kvTokens: null,
      maxConcurrency: null,
      activationGiB: 1.26,
      nonTorchGiB: 1.79,
    },
  },
  {
    id: "llama3-8b-h100-tp2-v0.6.5",
    source: "vllm-project/vllm#10511",
    model: LLAMA3_8B,
    gpuTotalGiB: 79.22,
    interconnect: "nvlink",
    gpuName: "H100 80GB",
    tp: 2,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 8192,
    vllmVersion: "0.6.5",
    reported: {
      weightsGiB: 7.48,
      availableKvGiB: 58.97,
      kvTokens: null,
      maxConcurrency: null,
      activationGiB: 1.26,
      nonTorchGiB: 3.58,
    },
    note: "available KV computed from the logged terms (the line was truncated)",
  },
  {
    id: "qwen25-7b-int4-rtx4060-v0.7",
    source: "vllm-project/vllm#13882",
    model: QWEN25_7B_AWQ,
    gpuTotalGiB: 8.0,
    interconnect: "pcie",
    gpuName: "RTX 4060",
    tp: 1,
    gpuMemoryUtilization: 0.7,
    maxModelLen: 4096,
    vllmVersion: "0.7.0",
    reported: {
      weightsGiB: 5.2,
      availableKvGiB: -1.05,
      kvTokens: 0,
      maxConcurrency: 0,
      activationGiB: 1.42,
      nonTorchGiB: 0.03,
    },
    note: "start-up fails (negative KV budget); int4 format inferred from the 5.2 GB weights",
  },
  {
    id: "qwen3-235b-fp8-h100-tp4-v0.10",
    source: "vllm-project/vllm#21348",
    model: QWEN3_235B_FP8,
    gpuTotalGiB: 79.19,
    interconnect: "nvlink",
    gpuName: "H100 80GB",
    tp: 4,
    gpuMemoryUtilization: 0.9,
    vllmVersion: "0.10.0",
    reported: {
      weightsGiB: null,
      availableKvGiB: 8.11,
      kvTokens: 178880,
      maxConcurrency: null,
      activationGiB: null,
      nonTorchGiB: null,
    },
    note: "run with LMCacheConnectorV1, which may hold extra GPU memory",
  },
  {
    id: "llama31-8b-eagle-h100-v0.9.1",
    source: "vllm-project/vllm (V1 spec decode issue, 2025-06)",
    model: LLAMA31_8B,
    gpuTotalGiB: 79.19,
    interconnect: "nvlink",
    gpuName: "H100 80GB",
    tp: 1,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 131072,
    vllmVersion: "0.9.1",
    reported: {
      weightsGiB: null,
      availableKvGiB: 51.63,
      kvTokens: null,
      maxConcurrency: null,
      activationGiB: null,
      nonTorchGiB: null,
    },
    note: "EAGLE draft (~0.5 GiB weights, one more KV layer) not modelled: tokens/concurrency not compared",
  },
  {
    id: "llama2-7b-a100-v0.2",
    source: "vllm-project/vllm#2031",
    model: LLAMA2_7B,
    gpuTotalGiB: 79.15,
    interconnect: "nvlink",
    gpuName: "A100 80GB",
    tp: 1,
    gpuMemoryUtilization: 0.9,
    vllmVersion: "0.2.7",
    reported: {
      weightsGiB: null,
      availableKvGiB: null,
      kvTokens: 117616,
      maxConcurrency: null,
      activationGiB: null,
      nonTorchGiB: null,
    },
    note: "GPU total not logged: A100-80GB's 79.15 GiB (torch) assumed",
  },
  {
    id: "llama31-405b-fp8-h100-tp8-v0.5.3",
    source: "vllm-project/vllm#6746",
    model: LLAMA31_405B_FP8,
    gpuTotalGiB: 79.19,
    interconnect: "nvlink",
    gpuName: "H100 80GB",
    tp: 8,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 8192,
    vllmVersion: "0.5.3",
    reported: {
      weightsGiB: 57.75,
      availableKvGiB: null,
      kvTokens: null,
      maxConcurrency: null,
      activationGiB: null,
      nonTorchGiB: null,
    },
    note: "weights only; the run failed at the default max_model_len",
  },
];

/** Cases in the log file this calibration leaves out, and why. */
export const SKIPPED_CASES: readonly { source: string; model: string; reason: string }[] = [
  {
    source: "vllm-project/vllm#12126",
    model: "Llama-3.2-11B-Vision",
    reason:
      "vision model: the 36.6 GiB activation comes from encoder dummy images, which the text-model budget does not model",
  },
  {
    source: "vllm-project/vllm#16570",
    model: "Qwen2.5-VL-72B",
    reason: "vision model that does not fit (0.13 GiB KV, effectively OOM per the notes)",
  },
  { source: "vllm-project/vllm#14447", model: "DeepSeek AWQ MoE", reason: "model identity and TP/PP layout unknown" },
  {
    source: "vllm-project/vllm#25350",
    model: "unknown ~29 GiB",
    reason: "model, GPU and gpu_memory_utilization unknown",
  },
  {
    source: "LMCache/LMCache#1739",
    model: "Qwen3-14B",
    reason:
      "GPU and gpu_memory_utilization unknown; its 6.51 GiB → 42,656 tokens is a unit test of the KV formula instead",
  },
  { source: "vllm-project/vllm#13596", model: "unknown", reason: "model and GPU unknown (log-format example)" },
  {
    source: "QwenLM/Qwen3#16",
    model: "Qwen1.5-72B TP2",
    reason:
      "GPU doubtful: 4,464 tokens × 1.25 MiB = 5.45 GiB of KV per GPU, more than an A100-80GB leaves after 67.3 GiB of weights per rank",
  },
  { source: "QwenLM/Qwen3#295", model: "Qwen1.5-7B", reason: "GPU unknown" },
  {
    source: "Gemma-4-E2B notes",
    model: "google/gemma-4-E2B",
    reason: "hybrid sliding-window + shared-KV model: tokens are not available/bytes-per-token (per its notes)",
  },
];

/** The H100 measurement (calibration/h100-qwen2.5-7b-bf16.json): Hugging Face transformers, not vLLM. */
export const H100_MEASUREMENT = {
  model: QWEN25_7B,
  gpuTotalBytes: 85_017_493_504,
  paramsTotal: 7_615_616_512,
  paramsEmbedAndHead: 1_089_994_752,
  weightsAllocatedBytes: 15_276_323_328,
  contextBytes: 648_871_936,
  kvBytesPerToken: 57_344,
  prefillPeakBytes: { 2048: 327_188_480, 8192: 1_171_390_464, 16384: 2_341_208_064 },
} as const;
