/** What a host's GPUs are and hold, as discovered (nvidia-smi XML or dcgm-exporter metrics). Sizes in bytes. */

export interface GpuMemory {
  totalBytes: number;
  /** null where the tool says N/A (a MIG-enabled GPU reports usage per MIG device only). */
  usedBytes: number | null;
  freeBytes: number | null;
  /** Held back by the driver; 0 when not reported (drivers before 510). */
  reservedBytes: number;
}

export interface MigDevice {
  index: number;
  gpuInstanceId: number;
  computeInstanceId: number;
  multiprocessorCount: number | null;
  memory: GpuMemory;
}

export interface GpuProcess {
  pid: number;
  /** "C" compute, "G" graphics, "C+G". */
  type: string;
  name: string;
  usedMemoryBytes: number | null;
  /** The MIG instance the process runs in; null on a GPU without MIG. */
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
}

export interface DiscoveredGpu {
  /** Position in nvidia-smi's list (PCI bus order): the number `--gpus device=N` and CUDA_VISIBLE_DEVICES mean. */
  index: number;
  /** N in /dev/nvidiaN; may differ from `index`. */
  minorNumber: number | null;
  uuid: string;
  pciBusId: string;
  productName: string;
  /** The catalog GPU this card is, when its name and memory say so unambiguously. */
  catalogGpuId: string | null;
  memory: GpuMemory;
  utilizationPercent: number | null;
  memoryUtilizationPercent: number | null;
  temperatureCelsius: number | null;
  powerDrawWatts: number | null;
  powerLimitWatts: number | null;
  migMode: "enabled" | "disabled" | "unsupported";
  migDevices: MigDevice[];
  processes: GpuProcess[];
}

export interface GpuReport {
  source: "nvidia-smi" | "dcgm-exporter";
  driverVersion: string | null;
  /** The CUDA version the driver supports ("13.0"), not a toolkit's. */
  cudaVersion: string | null;
  gpus: DiscoveredGpu[];
}
