import type { SimGpu } from "../gpu/host";
import type { GpuStatus } from "../gpu/live";

/**
 * dcgm-exporter's default counters (etc/default-counters.csv of 4.x) with their HELP text, in DCGM
 * field-id order as its template renders them. The profiling (DCP) fields exist only on data-centre
 * GPUs; GeForce cards have no DCP, so the exporter skips them there.
 */
interface Counter {
  name: string;
  type: "gauge" | "counter";
  help: string;
  value: (s: GpuStatus, gpu: SimGpu, energyMj: number) => string;
  dcp?: boolean;
}

const int = (n: number) => String(Math.round(n));
const float = (n: number) => n.toFixed(6);

export const DCGM_COUNTERS: readonly Counter[] = [
  {
    name: "DCGM_FI_DEV_SM_CLOCK",
    type: "gauge",
    help: "SM clock frequency (in MHz).",
    value: (s) => int(s.smClockMHz),
  },
  {
    name: "DCGM_FI_DEV_MEM_CLOCK",
    type: "gauge",
    help: "Memory clock frequency (in MHz).",
    value: (s) => int(s.memClockMHz),
  },
  { name: "DCGM_FI_DEV_MEMORY_TEMP", type: "gauge", help: "Memory temperature (in C).", value: (s) => int(s.memTempC) },
  { name: "DCGM_FI_DEV_GPU_TEMP", type: "gauge", help: "GPU temperature (in C).", value: (s) => int(s.gpuTempC) },
  { name: "DCGM_FI_DEV_POWER_USAGE", type: "gauge", help: "Power draw (in W).", value: (s) => float(s.powerW) },
  {
    name: "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
    type: "counter",
    help: "Total energy consumption since boot (in mJ).",
    value: (_s, _g, mj) => int(mj),
  },
  { name: "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", type: "counter", help: "Total number of PCIe retries.", value: () => "0" },
  { name: "DCGM_FI_DEV_GPU_UTIL", type: "gauge", help: "GPU utilization (in %).", value: (s) => int(s.utilPercent) },
  {
    name: "DCGM_FI_DEV_MEM_COPY_UTIL",
    type: "gauge",
    help: "Memory utilization (in %).",
    value: (s) => int(s.memUtilPercent),
  },
  { name: "DCGM_FI_DEV_ENC_UTIL", type: "gauge", help: "Encoder utilization (in %).", value: () => "0" },
  { name: "DCGM_FI_DEV_DEC_UTIL", type: "gauge", help: "Decoder utilization (in %).", value: () => "0" },
  { name: "DCGM_FI_DEV_XID_ERRORS", type: "gauge", help: "Value of the last XID error encountered.", value: () => "0" },
  {
    name: "DCGM_FI_DEV_FB_FREE",
    type: "gauge",
    help: "Framebuffer memory free (in MiB).",
    value: (s) => int(s.freeMiB),
  },
  {
    name: "DCGM_FI_DEV_FB_USED",
    type: "gauge",
    help: "Framebuffer memory used (in MiB).",
    value: (s) => int(s.usedMiB),
  },
  {
    name: "DCGM_FI_DEV_FB_RESERVED",
    type: "gauge",
    help: "Framebuffer memory reserved (in MiB).",
    value: (s) => int(s.reservedMiB),
  },
  {
    name: "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS",
    type: "counter",
    help: "Number of remapped rows for uncorrectable errors",
    value: () => "0",
  },
  {
    name: "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS",
    type: "counter",
    help: "Number of remapped rows for correctable errors",
    value: () => "0",
  },
  {
    name: "DCGM_FI_DEV_ROW_REMAP_FAILURE",
    type: "gauge",
    help: "Whether remapping of rows has failed",
    value: () => "0",
  },
  {
    name: "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
    type: "counter",
    help: "Total number of NVLink bandwidth counters for all lanes.",
    value: () => "0",
  },
  { name: "DCGM_FI_DEV_VGPU_LICENSE_STATUS", type: "gauge", help: "vGPU License status", value: () => "0" },
  {
    name: "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
    type: "gauge",
    help: "Ratio of time the graphics engine is active.",
    value: (s) => float(s.utilPercent / 100),
    dcp: true,
  },
  {
    name: "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE",
    type: "gauge",
    help: "Ratio of cycles the tensor (HMMA) pipe is active.",
    value: (s) => float((s.utilPercent / 100) * 0.35),
    dcp: true,
  },
  {
    name: "DCGM_FI_PROF_DRAM_ACTIVE",
    type: "gauge",
    help: "Ratio of cycles the device memory interface is active sending or receiving data.",
    value: (s) => float(s.memUtilPercent / 100),
    dcp: true,
  },
  {
    name: "DCGM_FI_PROF_PCIE_TX_BYTES",
    type: "gauge",
    help: "The rate of data transmitted over the PCIe bus - including both protocol headers and data payloads - in bytes per second.",
    value: (s) => int(s.utilPercent > 0 ? 7_400_000 : 1_880_000),
    dcp: true,
  },
  {
    name: "DCGM_FI_PROF_PCIE_RX_BYTES",
    type: "gauge",
    help: "The rate of data received over the PCIe bus - including both protocol headers and data payloads - in bytes per second.",
    value: (s) => int(s.utilPercent > 0 ? 18_200_000 : 580_000),
    dcp: true,
  },
];

export interface ExporterRow {
  gpu: SimGpu;
  status: GpuStatus;
  energyMj: number;
}

const hasDcp = (gpu: SimGpu) => !/GeForce|RTX/i.test(gpu.spec.smiName ?? gpu.spec.name);

/** The exposition dcgm-exporter 4.x serves on :9400/metrics (labels: gpu, UUID, pci_bus_id, device, modelName, Hostname, DCGM_FI_DRIVER_VERSION). */
export function renderDcgm(rows: readonly ExporterRow[], hostname: string | undefined, driverVersion: string): string {
  const out: string[] = [];
  for (const counter of DCGM_COUNTERS) {
    const shown = rows.filter((row) => !counter.dcp || hasDcp(row.gpu));
    if (shown.length === 0) continue;
    out.push(`# HELP ${counter.name} ${counter.help}`, `# TYPE ${counter.name} ${counter.type}`);
    for (const { gpu, status, energyMj } of shown) {
      const host = hostname ? `,Hostname="${hostname}"` : "";
      const labels = `gpu="${gpu.index}",UUID="${gpu.uuid}",pci_bus_id="${gpu.pciBusId}",device="nvidia${gpu.index}",modelName="${gpu.spec.smiName ?? gpu.spec.name}"${host},DCGM_FI_DRIVER_VERSION="${driverVersion}"`;
      out.push(`${counter.name}{${labels}} ${counter.value(status, gpu, energyMj)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
