import { findGpu } from "../../catalog";
import type { HostView } from "../../queries/hosts/host-view";
import type { RuntimeGpu } from "./runtime-host";

/**
 * The GPUs the runtime and the designer count on: the discovered ones when a discovery succeeded (real cards, or
 * the simulator's on a simulated host), else the simulated GPUs from the catalog, else the declared ones.
 */
export function runtimeGpusOf(host: Pick<HostView, "gpus" | "simulatedGpus" | "declaredGpus">): {
  gpus: RuntimeGpu[];
  source: "discovered" | "simulated" | "declared" | "none";
} {
  if (host.gpus.length > 0) {
    return {
      source: "discovered",
      gpus: host.gpus.map((g) => ({
        index: g.index,
        ...(g.uuid && { uuid: g.uuid }),
        gpuId: g.catalogGpuId ?? "custom",
        memoryBytes: g.memoryBytes,
      })),
    };
  }
  if (host.simulatedGpus) {
    const spec = findGpu(host.simulatedGpus.gpuId);
    return {
      source: "simulated",
      gpus: repeat(host.simulatedGpus.count, spec?.id ?? "custom", spec?.memoryBytes ?? 0),
    };
  }
  if (host.declaredGpus) {
    const { gpuId, count, memoryBytes } = host.declaredGpus;
    const spec = gpuId === "custom" ? undefined : findGpu(gpuId);
    return { source: "declared", gpus: repeat(count, spec?.id ?? "custom", memoryBytes ?? spec?.memoryBytes ?? 0) };
  }
  return { source: "none", gpus: [] };
}

const repeat = (count: number, gpuId: string, memoryBytes: number): RuntimeGpu[] =>
  Array.from({ length: count }, (_, index) => ({ index, gpuId, memoryBytes }));
