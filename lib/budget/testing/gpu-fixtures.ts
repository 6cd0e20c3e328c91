import type { GpuTarget } from "../common";
import { GIB, MIB } from "../../vocabulary/units";

/** Cards for tests and calibration; `cudaTotalBytes` is the total torch reports, which the engines size from. */
const card = (name: string, memoryBytes: number, interconnect: "pcie" | "nvlink", extra: Partial<GpuTarget> = {}) => ({
  name,
  memoryBytes,
  cudaTotalBytes: memoryBytes,
  interconnect,
  ...extra,
});

export const RTX_4090D: GpuTarget = card("NVIDIA GeForce RTX 4090 D", 24564 * MIB, "pcie", { peerToPeer: false });
export const RTX_4060_8GB: GpuTarget = card("NVIDIA GeForce RTX 4060", 8 * GIB, "pcie", { peerToPeer: false });
export const T4_16GB: GpuTarget = card("Tesla T4", 15_360 * MIB, "pcie", { computeCapability: 7.5 });
export const TESLA_P40_24GB: GpuTarget = card("Tesla P40", 24_576 * MIB, "pcie", { computeCapability: 6.1 });
/** calibration/h100-qwen2.5-7b-bf16.json gpu_total_bytes. */
export const H100_80GB: GpuTarget = card("NVIDIA H100 80GB HBM3", 85_017_493_504, "nvlink", { computeCapability: 9 });
export const A100_80GB: GpuTarget = card("NVIDIA A100-SXM4-80GB", Math.round(79.15 * GIB), "nvlink", {
  computeCapability: 8,
});
/** vLLM's total_gpu_memory on 8 × MI300X (AUGMXNT/MI300-testing): ROCm reports the card whole. */
export const MI300X: GpuTarget = card("AMD Instinct MI300X", 196_592 * MIB, "nvlink", { rocmArch: "gfx942" });
