import type { GpuSlot, Host } from "../vocabulary/layout-schema";
import { uniqueId } from "./editor/ids";

/** A registered host as the designer sees it: enough to bind a planned host to it and to show its state. */
export interface RegisteredHostSummary {
  id: string;
  name: string;
  kind: "docker" | "local-sim";
  /** "4× RTX 4090D 24GB" when its GPUs are simulated (the local simulated host, or simulated GPUs on a daemon). */
  simulatedGpus: string | null;
  status: "unknown" | "reachable" | "unreachable";
  /** ISO time the status holds since. */
  since: string | null;
  error: string | null;
  /** The GPUs the runtime counts on (discovered, else simulated, else declared). */
  gpus: { index: number; gpuId: string; memoryBytes: number }[];
  ramBytes: number;
  cpuCores: number;
  labels: Record<string, string>;
  /** Its Docker daemon runs on a WSL2 kernel (Docker Desktop on Windows): budgets add WSL2's CUDA overhead. */
  wsl2: boolean;
}

/** The real host's GPUs as layout slots: catalog cards by id, the others as custom cards of their own memory. */
function slotsOf(real: RegisteredHostSummary): GpuSlot[] {
  return real.gpus.map((gpu) =>
    gpu.gpuId === "custom"
      ? { index: gpu.index, gpuId: "custom", memoryBytes: gpu.memoryBytes }
      : { index: gpu.index, gpuId: gpu.gpuId },
  );
}

/**
 * Binding a planned host to a registered one: the plan takes the real host's GPUs (so budgets are computed against
 * the real cards), RAM, cores and labels. Placements keep their indices; one past the real host's GPUs is then
 * reported by the rules like any other.
 */
export function boundHostPatch(real: RegisteredHostSummary): Partial<Omit<Host, "id">> {
  return {
    boundHostId: real.id,
    gpus: slotsOf(real),
    ...(real.ramBytes > 0 && { ramBytes: real.ramBytes }),
    ...(real.cpuCores > 0 && { cpuCores: real.cpuCores }),
    labels: real.labels,
    wsl2: real.wsl2 || undefined,
  };
}

/** A new planned host standing for a registered one. */
export function hostFromRegistered(real: RegisteredHostSummary, takenIds: ReadonlySet<string>): Host {
  return {
    id: uniqueId(real.name, takenIds),
    name: real.name,
    gpus: slotsOf(real),
    ramBytes: real.ramBytes,
    cpuCores: Math.max(1, real.cpuCores),
    labels: real.labels,
    boundHostId: real.id,
    ...(real.wsl2 && { wsl2: true }),
  };
}

/** Whether a bound planned host's GPUs still are the real host's (discovery may have found others since). */
export function matchesRegistered(planned: Host, real: RegisteredHostSummary): boolean {
  const want = slotsOf(real);
  return (
    planned.gpus.length === want.length &&
    want.every((slot, i) => planned.gpus[i]?.gpuId === slot.gpuId && planned.gpus[i]?.index === slot.index)
  );
}
