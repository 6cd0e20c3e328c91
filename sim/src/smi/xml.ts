import { gpuStatus } from "../gpu/live";
import type { SimGpu } from "../gpu/host";
import type { EngineEntry } from "../state/state-dir";
import { SMI_GPU, SMI_HEAD, SMI_TAIL } from "./template";

export interface SmiInfo {
  driverVersion: string;
  cudaVersion: string;
  now: Date;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{([a-z_]+)\}\}/g, (match, key: string) => (key in values ? String(values[key]) : match));

/** nvidia-smi's timestamp: "Wed Nov 25 11:55:26 2026" (C asctime, day padded with a space). */
export function smiTimestamp(d: Date): string {
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getDay()];
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getMonth()];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${day} ${month} ${String(d.getDate()).padStart(2, " ")} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

function supportedClocks(gpu: SimGpu): string {
  const lines = [
    "\t\t<supported_clocks>",
    "\t\t\t<supported_mem_clock>",
    `\t\t\t\t<value>${gpu.traits.memClockMHz} MHz</value>`,
  ];
  for (let mhz = gpu.traits.maxSmClockMHz; mhz >= gpu.traits.idleSmClockMHz; mhz -= 15)
    lines.push(`\t\t\t\t<supported_graphics_clock>${mhz} MHz</supported_graphics_clock>`);
  lines.push("\t\t\t</supported_mem_clock>", "\t\t</supported_clocks>");
  return lines.join("\n");
}

function processes(list: ReturnType<typeof gpuStatus>["processes"]): string {
  const items = list.map((p) =>
    [
      "\t\t\t<process_info>",
      "\t\t\t\t<gpu_instance_id>N/A</gpu_instance_id>",
      "\t\t\t\t<compute_instance_id>N/A</compute_instance_id>",
      `\t\t\t\t<pid>${p.pid}</pid>`,
      "\t\t\t\t<type>C</type>",
      `\t\t\t\t<process_name>${p.name}</process_name>`,
      `\t\t\t\t<used_memory>${p.usedMiB} MiB</used_memory>`,
      "\t\t\t</process_info>",
    ].join("\n"),
  );
  return ["\t\t<processes>", ...items, "\t\t</processes>"].join("\n");
}

/** `nvidia-smi -q -x` for these GPUs, with memory, utilisation and processes from the state directory. */
export function smiXml(gpus: readonly SimGpu[], entries: readonly EngineEntry[], info: SmiInfo): string {
  const head = fill(SMI_HEAD, {
    timestamp: smiTimestamp(info.now),
    driver_version: info.driverVersion,
    cuda_version: info.cudaVersion,
    attached_gpus: gpus.length,
  });
  const blocks = gpus.map((gpu) => {
    const s = gpuStatus(gpu, entries);
    const hex = gpu.uuid.replace(/[^0-9a-f]/g, "");
    const busy = s.utilPercent > 0;
    return fill(SMI_GPU, {
      pci_bus_id: gpu.pciBusId,
      product_name: gpu.spec.smiName ?? gpu.spec.name,
      architecture: gpu.traits.architecture,
      serial: String(parseInt(hex.slice(0, 10), 16))
        .padStart(13, "1")
        .slice(0, 13),
      uuid: gpu.uuid,
      pdi: `0x${hex.slice(0, 16)}`,
      index: gpu.index,
      module_id: gpu.index + 1,
      driver_version: info.driverVersion,
      pci_bus: gpu.pciBusId.slice(9, 11),
      pci_device_id: gpu.traits.pciDeviceId,
      tx_util: busy ? 7214 : 1840,
      rx_util: busy ? 17741 : 565,
      idle_reason: busy ? "Not Active" : "Active",
      fb_total: s.totalMiB,
      fb_reserved: s.reservedMiB,
      fb_used: s.usedMiB,
      fb_free: s.freeMiB,
      bar1_total: gpu.traits.bar1MiB,
      bar1_used: s.usedMiB + 1,
      bar1_free: gpu.traits.bar1MiB - s.usedMiB - 1,
      gpu_util: s.utilPercent,
      memory_util: s.memUtilPercent,
      gpu_temp: s.gpuTempC,
      memory_temp: s.memTempC,
      power_draw: s.powerW.toFixed(2),
      power_limit: gpu.traits.powerLimitW.toFixed(2),
      memory_power_draw: (s.powerW * 0.21).toFixed(2),
      sm_clock: s.smClockMHz,
      mem_clock: s.memClockMHz,
      video_clock: busy ? 1545 : 765,
      max_sm_clock: gpu.traits.maxSmClockMHz,
      supported_clocks: supportedClocks(gpu),
      processes: processes(s.processes),
    });
  });
  return `${head}${blocks.join("\n\n")}${SMI_TAIL}`;
}
