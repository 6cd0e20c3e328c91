import type { SimGpu } from "../gpu/host";
import type { GpuStatus } from "../gpu/live";

/** A --query-gpu field: CSV header, unit nvidia-smi appends, and how to read it. */
interface Field {
  header: string;
  unit?: string;
  value: (gpu: SimGpu, s: GpuStatus, info: { driverVersion: string }) => string | number;
}

const FIELDS: Record<string, Field> = {
  index: { header: "index", value: (g) => g.index },
  uuid: { header: "uuid", value: (g) => g.uuid },
  name: { header: "name", value: (g) => g.spec.smiName ?? g.spec.name },
  "pci.bus_id": { header: "pci.bus_id", value: (g) => g.pciBusId },
  driver_version: { header: "driver_version", value: (_g, _s, i) => i.driverVersion },
  "memory.total": { header: "memory.total [MiB]", unit: "MiB", value: (_g, s) => s.totalMiB },
  "memory.reserved": { header: "memory.reserved [MiB]", unit: "MiB", value: (_g, s) => s.reservedMiB },
  "memory.used": { header: "memory.used [MiB]", unit: "MiB", value: (_g, s) => s.usedMiB },
  "memory.free": { header: "memory.free [MiB]", unit: "MiB", value: (_g, s) => s.freeMiB },
  "utilization.gpu": { header: "utilization.gpu [%]", unit: "%", value: (_g, s) => s.utilPercent },
  "utilization.memory": { header: "utilization.memory [%]", unit: "%", value: (_g, s) => s.memUtilPercent },
  "temperature.gpu": { header: "temperature.gpu", value: (_g, s) => s.gpuTempC },
  "temperature.memory": { header: "temperature.memory", value: (_g, s) => s.memTempC },
  "power.draw": { header: "power.draw [W]", unit: "W", value: (_g, s) => s.powerW.toFixed(2) },
  "power.limit": { header: "power.limit [W]", unit: "W", value: (g) => g.traits.powerLimitW.toFixed(2) },
  "clocks.current.sm": { header: "clocks.current.sm [MHz]", unit: "MHz", value: (_g, s) => s.smClockMHz },
  "clocks.current.memory": { header: "clocks.current.memory [MHz]", unit: "MHz", value: (_g, s) => s.memClockMHz },
  "clocks.max.sm": { header: "clocks.max.sm [MHz]", unit: "MHz", value: (g) => g.traits.maxSmClockMHz },
  compute_cap: { header: "compute_cap", value: (g) => (g.spec.computeCapability ?? 9).toFixed(1) },
};
const ALIASES: Record<string, string> = {
  gpu_name: "name",
  gpu_uuid: "uuid",
  gpu_bus_id: "pci.bus_id",
  "clocks.sm": "clocks.current.sm",
  "clocks.mem": "clocks.current.memory",
  "power.draw.instant": "power.draw",
};

export type CsvFormat = { header: boolean; units: boolean };

export function parseFormat(value: string): CsvFormat | undefined {
  const parts = value.split(",").map((p) => p.trim());
  if (parts[0] !== "csv" || parts.slice(1).some((p) => p !== "noheader" && p !== "nounits")) return undefined;
  return { header: !parts.includes("noheader"), units: !parts.includes("nounits") };
}

/** `--query-gpu=a,b --format=csv[,noheader][,nounits]`; an unknown field reads like nvidia-smi's refusal. */
export function queryGpus(
  fieldList: string,
  format: CsvFormat,
  rows: ReadonlyArray<{ gpu: SimGpu; status: GpuStatus }>,
  info: { driverVersion: string },
): { ok: true; text: string } | { ok: false; text: string } {
  const names = fieldList.split(",").map((f) => f.trim());
  const fields: Field[] = [];
  for (const name of names) {
    const field = FIELDS[ALIASES[name] ?? name];
    if (!field) return { ok: false, text: `Field "${name}" is not a valid field to query.\n` };
    fields.push(field);
  }
  const lines = rows.map(({ gpu, status }) =>
    fields
      .map((f) => {
        const v = String(f.value(gpu, status, info));
        return f.unit && format.units ? `${v} ${f.unit}` : v;
      })
      .join(", "),
  );
  if (format.header)
    lines.unshift(fields.map((f) => (format.units ? f.header : f.header.replace(/ \[.*\]$/, ""))).join(", "));
  return { ok: true, text: `${lines.join("\n")}\n` };
}

/** `--query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid --format=csv` */
export function queryApps(
  fieldList: string,
  format: CsvFormat,
  rows: ReadonlyArray<{ gpu: SimGpu; status: GpuStatus }>,
): { ok: boolean; text: string } {
  const known: Record<string, [string, (p: GpuStatus["processes"][number], g: SimGpu) => string]> = {
    pid: ["pid", (p) => String(p.pid)],
    process_name: ["process_name", (p) => p.name],
    name: ["process_name", (p) => p.name],
    used_gpu_memory: ["used_gpu_memory [MiB]", (p) => (format.units ? `${p.usedMiB} MiB` : String(p.usedMiB))],
    used_memory: ["used_gpu_memory [MiB]", (p) => (format.units ? `${p.usedMiB} MiB` : String(p.usedMiB))],
    gpu_uuid: ["gpu_uuid", (_p, g) => g.uuid],
    gpu_bus_id: ["gpu_bus_id", (_p, g) => g.pciBusId],
  };
  const names = fieldList.split(",").map((f) => f.trim());
  const unknown = names.find((n) => !known[n]);
  if (unknown) return { ok: false, text: `Field "${unknown}" is not a valid field to query.\n` };
  const lines = rows.flatMap(({ gpu, status }) =>
    status.processes.map((p) => names.map((n) => known[n]![1](p, gpu)).join(", ")),
  );
  if (format.header)
    lines.unshift(names.map((n) => (format.units ? known[n]![0] : known[n]![0].replace(/ \[.*\]$/, ""))).join(", "));
  return { ok: true, text: lines.length > 0 ? `${lines.join("\n")}\n` : "" };
}
