import type { GpuHolder } from "../../vocabulary/hosts";
import type { DiscoveredGpu } from "./gpu-types";

/** A running container labelled `fleetdeck.instance`: its processes and the GPUs it was given. */
export interface InstanceContainer {
  name: string;
  instanceKey: string;
  /** Host PIDs (`docker top`). */
  pids: number[];
  /** GPU indices or UUIDs from its device request or NVIDIA_VISIBLE_DEVICES / CUDA_VISIBLE_DEVICES; "all" for every GPU. */
  gpuRefs: string[];
}

/**
 * What holds a GPU's memory now: each process nvidia-smi lists, traced to a fleetdeck instance when its PID runs in an
 * instance's container (else a foreign process), then the instances given this GPU that show no process on it (a
 * simulated engine, or nvidia-smi run without the host's PIDs).
 */
export function gpuHolders(gpu: DiscoveredGpu, containers: readonly InstanceContainer[]): GpuHolder[] {
  const holders: GpuHolder[] = gpu.processes.map((process) => {
    const owner = containers.find((c) => c.pids.includes(process.pid));
    return {
      pid: process.pid,
      name: process.name,
      usedMemoryBytes: process.usedMemoryBytes,
      ...(owner && { instanceKey: owner.instanceKey, containerName: owner.name }),
    };
  });
  const listed = new Set(holders.map((h) => h.containerName));
  for (const container of containers) {
    if (listed.has(container.name)) continue;
    const given = container.gpuRefs.some((ref) => ref === "all" || ref === String(gpu.index) || ref === gpu.uuid);
    if (given)
      holders.push({
        pid: null,
        name: container.name,
        usedMemoryBytes: null,
        instanceKey: container.instanceKey,
        containerName: container.name,
      });
  }
  return holders;
}
