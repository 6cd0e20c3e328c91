import { isAtLeast } from "./version";

/**
 * vLLM's --gpu-memory-utilization when a command leaves it out: 0.9, then 0.92 from 0.20, which also began taking the
 * CUDA graphs' estimate from the budget (vllm#38284). An unknown release is the newest.
 */
export const vllmDefaultGpuMemoryUtilization = (engineVersion: string | undefined): number =>
  isAtLeast(engineVersion, "0.20.0") ? 0.92 : 0.9;
