import type { GpuTarget } from "../common";
import { GIB, MIB } from "../../vocabulary/units";

/** Cards for tests and calibration, with total memory as torch/nvidia-smi report it. */
export const RTX_4090D: GpuTarget = {
  name: "NVIDIA GeForce RTX 4090 D",
  memoryBytes: 24564 * MIB,
  interconnect: "pcie",
};
export const RTX_4060_8GB: GpuTarget = { name: "NVIDIA GeForce RTX 4060", memoryBytes: 8 * GIB, interconnect: "pcie" };
/** calibration/h100-qwen2.5-7b-bf16.json gpu_total_bytes. */
export const H100_80GB: GpuTarget = {
  name: "NVIDIA H100 80GB HBM3",
  memoryBytes: 85_017_493_504,
  interconnect: "nvlink",
};
export const A100_80GB: GpuTarget = {
  name: "NVIDIA A100-SXM4-80GB",
  memoryBytes: Math.round(79.15 * GIB),
  interconnect: "nvlink",
};
