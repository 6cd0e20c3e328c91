import { XMLParser, XMLValidator } from "fast-xml-parser";
import { matchCatalogGpu } from "./catalog-match";
import type { DiscoveredGpu, GpuMemory, GpuProcess, GpuReport, MigDevice } from "./gpu-types";
import { bytesOf, integerOf, numberOf, textOf } from "./smi-values";

/** `nvidia-smi -q -x` that cannot be read, with what was expected. */
export class NvidiaSmiParseError extends Error {
  readonly name = "NvidiaSmiParseError";
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "gpu" || name === "mig_device" || name === "process_info",
});

const asNode = (value: unknown): Node | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Node) : undefined;
const child = (node: Node | undefined, ...path: string[]): Node | undefined =>
  path.reduce<Node | undefined>((at, key) => asNode(at?.[key]), node);
const text = (node: Node | undefined, key: string): string | undefined => {
  const value = node?.[key];
  return typeof value === "string" ? value : undefined;
};
const list = (value: unknown): Node[] =>
  Array.isArray(value) ? value.map(asNode).filter((n): n is Node => n !== undefined) : [];

/** Parses the whole report of `nvidia-smi -q -x`: every GPU with its memory, MIG devices and processes. */
export function parseNvidiaSmiXml(xml: string): GpuReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new NvidiaSmiParseError(
      `the nvidia-smi output is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); expected the output of \`nvidia-smi -q -x\``,
    );
  }
  const root = asNode(parser.parse(xml))?.nvidia_smi_log;
  const log = asNode(root);
  if (!log)
    throw new NvidiaSmiParseError(
      "the XML has no <nvidia_smi_log> root; expected the output of `nvidia-smi -q -x` (not --query-gpu CSV)",
    );
  const gpus = list(log.gpu).map((gpu, index) => parseGpu(gpu, index));
  return {
    source: "nvidia-smi",
    driverVersion: textOf(text(log, "driver_version")),
    cudaVersion: textOf(text(log, "cuda_version")),
    gpus,
  };
}

function memoryOf(node: Node | undefined, where: string): GpuMemory {
  const totalBytes = bytesOf(text(node, "total"));
  if (totalBytes === null)
    throw new NvidiaSmiParseError(`${where}: fb_memory_usage/total is missing or not "<number> MiB"`);
  return {
    totalBytes,
    usedBytes: bytesOf(text(node, "used")),
    freeBytes: bytesOf(text(node, "free")),
    reservedBytes: bytesOf(text(node, "reserved")) ?? 0,
  };
}

function parseGpu(gpu: Node, index: number): DiscoveredGpu {
  const pciBusId = text(gpu, "@id") ?? text(child(gpu, "pci"), "pci_bus_id") ?? "";
  const where = `gpu ${index} (${pciBusId || "no PCI id"})`;
  const uuid = textOf(text(gpu, "uuid"));
  const productName = textOf(text(gpu, "product_name"));
  if (!uuid) throw new NvidiaSmiParseError(`${where}: <uuid> is missing`);
  if (!productName) throw new NvidiaSmiParseError(`${where}: <product_name> is missing`);
  const memory = memoryOf(child(gpu, "fb_memory_usage"), where);
  const power = child(gpu, "gpu_power_readings") ?? child(gpu, "power_readings");
  const mig = textOf(text(child(gpu, "mig_mode"), "current_mig"))?.toLowerCase();
  return {
    index,
    minorNumber: integerOf(text(gpu, "minor_number")),
    uuid,
    pciBusId,
    productName,
    catalogGpuId: matchCatalogGpu(productName, memory.totalBytes)?.id ?? null,
    memory,
    utilizationPercent: numberOf(text(child(gpu, "utilization"), "gpu_util")),
    memoryUtilizationPercent: numberOf(text(child(gpu, "utilization"), "memory_util")),
    temperatureCelsius: numberOf(text(child(gpu, "temperature"), "gpu_temp")),
    powerDrawWatts:
      numberOf(text(power, "instant_power_draw")) ??
      numberOf(text(power, "power_draw")) ??
      numberOf(text(power, "average_power_draw")),
    powerLimitWatts: numberOf(text(power, "current_power_limit")) ?? numberOf(text(power, "power_limit")),
    migMode: mig === "enabled" ? "enabled" : mig === "disabled" ? "disabled" : "unsupported",
    migDevices: list(child(gpu, "mig_devices")?.mig_device).map((device, at) =>
      parseMigDevice(device, `${where} MIG device ${at}`),
    ),
    processes: list(child(gpu, "processes")?.process_info).map(parseProcess),
  };
}

function parseMigDevice(device: Node, where: string): MigDevice {
  return {
    index: integerOf(text(device, "index")) ?? 0,
    gpuInstanceId: integerOf(text(device, "gpu_instance_id")) ?? 0,
    computeInstanceId: integerOf(text(device, "compute_instance_id")) ?? 0,
    multiprocessorCount: integerOf(text(child(device, "device_attributes", "shared"), "multiprocessor_count")),
    memory: memoryOf(child(device, "fb_memory_usage"), where),
  };
}

function parseProcess(process: Node): GpuProcess {
  return {
    pid: integerOf(text(process, "pid")) ?? 0,
    type: textOf(text(process, "type")) ?? "",
    name: textOf(text(process, "process_name")) ?? "",
    usedMemoryBytes: bytesOf(text(process, "used_memory")),
    gpuInstanceId: integerOf(text(process, "gpu_instance_id")),
    computeInstanceId: integerOf(text(process, "compute_instance_id")),
  };
}
