import { gpuLoad, type EngineEntry } from "../state/state-dir";
import type { SimGpu } from "./host";

const MIB = 2 ** 20;

export interface GpuProcess {
  pid: number;
  name: string;
  usedMiB: number;
}

/** One GPU as nvidia-smi and dcgm-exporter report it, derived from what the engines of the host publish. */
export interface GpuStatus {
  totalMiB: number;
  reservedMiB: number;
  usedMiB: number;
  freeMiB: number;
  /** 0–100 */
  utilPercent: number;
  memUtilPercent: number;
  powerW: number;
  gpuTempC: number;
  memTempC: number;
  smClockMHz: number;
  memClockMHz: number;
  processes: GpuProcess[];
}

/**
 * Busy-ness follows the engines' utilisation: power rises from idle to 99 % of the limit, SM clocks
 * drop to 77 % of the maximum under the power cap and the core warms by 21 °C at 100 % (the H200 at
 * full load in calibration/h200-nvidia-smi-q-busy.xml: 695 W of 700 W, 1,515 of 1,980 MHz, 38 → 59 °C).
 * The driver adds 9 MiB per GPU with processes (21,446 MiB held, 21,455 MiB used in that file).
 */
export function gpuStatus(gpu: SimGpu, entries: readonly EngineEntry[]): GpuStatus {
  const load = gpuLoad(entries, gpu.uuid);
  const t = gpu.traits;
  const totalMiB = Math.round(gpu.spec.memoryBytes / MIB);
  const processes = load.holders.map(({ entry, use }) => ({
    pid: entry.pid,
    name: entry.processName,
    usedMiB: Math.ceil(use.memoryUsedBytes / MIB),
  }));
  const held = processes.reduce((sum, p) => sum + p.usedMiB, 0);
  const usedMiB = Math.min(totalMiB - t.reservedMiB, held + (processes.length > 0 ? 9 : 0));
  const u = load.utilization;
  return {
    totalMiB,
    reservedMiB: t.reservedMiB,
    usedMiB,
    freeMiB: totalMiB - t.reservedMiB - usedMiB,
    utilPercent: Math.round(u * 100),
    memUtilPercent: Math.round(u * 60),
    powerW: t.idlePowerW + u * (0.99 * t.powerLimitW - t.idlePowerW),
    gpuTempC: Math.round(t.idleTempC + 21 * u),
    memTempC: Math.round(t.idleTempC + 4 + 12 * u),
    smClockMHz: u > 0 ? Math.round(t.maxSmClockMHz * 0.77) : t.idleSmClockMHz,
    memClockMHz: t.memClockMHz,
    processes,
  };
}
