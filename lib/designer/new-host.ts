import { findGpu } from "../catalog";
import type { Host } from "../vocabulary/layout-schema";
import { slugify } from "./editor/ids";
import { GIB } from "../vocabulary/units";

export interface PlannedHostInput {
  name: string;
  gpuId: string;
  gpuCount: number;
  ramGiB: number;
  cpuCores: number;
  /** Join all GPUs in one NVLink/NVSwitch island; default: when the catalog GPU has NVLink. */
  nvlink?: boolean;
  /** The host will run its engines under WSL2 (Docker Desktop on Windows). */
  wsl2?: boolean;
}

/** A host declared for planning ("4× RTX 4090D 24 GB, 64 GB RAM, 16 cores"); it can later be bound to a registered host. */
export function plannedHost(input: PlannedHostInput): Host {
  const spec = findGpu(input.gpuId);
  const nvlink = input.nvlink ?? spec?.interconnect === "nvlink";
  return {
    id: slugify(input.name),
    name: input.name.trim() || slugify(input.name),
    gpus: Array.from({ length: input.gpuCount }, (_, index) => ({
      index,
      gpuId: spec?.id ?? input.gpuId,
      ...(nvlink ? { nvlinkGroup: 0 } : {}),
    })),
    ramBytes: Math.round(input.ramGiB * GIB),
    cpuCores: input.cpuCores,
    labels: {},
    ...(input.wsl2 && { wsl2: true }),
  };
}

/** "host-a", "host-b"… the next free name. */
export function nextHostName(taken: readonly string[]): string {
  for (let n = 0; ; n += 1) {
    const letter = n < 26 ? String.fromCharCode(97 + n) : String(n + 1);
    const name = `host-${letter}`;
    if (!taken.includes(name)) return name;
  }
}
