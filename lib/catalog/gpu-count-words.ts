import { GIB } from "../vocabulary/units";
import { findGpu } from "./gpu-lookup";

/** "4× RTX 4090D 24GB", "2× custom 48 GiB": a count of one GPU kind, for headers, tables and the CLI. */
export function gpuCountWords(count: number, gpuId: string, memoryBytes?: number | null): string {
  if (gpuId === "custom")
    return `${count}× custom${memoryBytes ? ` ${Math.round((memoryBytes / GIB) * 10) / 10} GiB` : ""}`;
  return `${count}× ${findGpu(gpuId)?.name ?? gpuId}`;
}
