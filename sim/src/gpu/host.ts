import { createHash } from "node:crypto";
import { findGpu, suggestGpus, type GpuSpec } from "../catalog";
import { gpuTraits, type SimGpuTraits } from "./specs";

/** One simulated GPU of a simulated host. */
export interface SimGpu {
  index: number;
  uuid: string;
  /** "00000000:1A:00.0" */
  pciBusId: string;
  spec: GpuSpec;
  traits: SimGpuTraits;
}

export interface SimHost {
  name: string;
  gpus: SimGpu[];
  /** Set when neither FLEETDECK_SIM_GPU nor a device list was given: the first log line says so. */
  defaulted: boolean;
}

export const DEFAULT_GPU = "H100 80GB";
export const DEFAULT_HOST = "sim-host";

/** nvidia-smi's UUID shape, derived from host and index so every container of a host agrees. */
export function gpuUuid(host: string, index: number): string {
  const hex = createHash("sha256").update(`fleetdeck-sim:${host}:${index}`).digest("hex");
  return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Distinct bus numbers per index, the way a 4- or 8-GPU board spreads them. */
export const pciBusId = (index: number): string =>
  `00000000:${(0x18 + index * 0x10).toString(16).toUpperCase().padStart(2, "0")}:00.0`;

export function lookupGpu(name: string, variable: string): GpuSpec {
  const spec = findGpu(name);
  if (!spec) {
    throw new Error(
      `${variable}="${name}" is not a catalog GPU: use one of ${suggestGpus(name, 4).join(", ")} (or another name from lib/catalog/gpus.ts)`,
    );
  }
  return spec;
}

/** The host's GPUs in index order, from a list of catalog names. */
export function buildHost(name: string, kinds: readonly GpuSpec[], defaulted: boolean): SimHost {
  const gpus = kinds.map((spec, index) => ({
    index,
    uuid: gpuUuid(name, index),
    pciBusId: pciBusId(index),
    spec,
    traits: gpuTraits(spec.id),
  }));
  return { name, gpus, defaulted };
}
