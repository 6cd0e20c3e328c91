import { gpuCountWords } from "../../catalog/gpu-count-words";
import type { RegisteredHostSummary } from "../../designer/bound-host";
import type { HostView } from "../../queries/hosts/host-view";
import { runtimeGpusOf } from "./runtime-gpus";

/** vLLM's own test (`in_wsl`): a kernel whose name says "microsoft", as WSL2's and Docker Desktop's do. */
export const kernelIsWsl = (kernelVersion: string | undefined): boolean => /microsoft/i.test(kernelVersion ?? "");

/** What the designer gets of a registered host (no endpoint, no credentials): to bind planned hosts and show state. */
export function registeredHostSummary(host: HostView): RegisteredHostSummary {
  const sim = host.simulatedGpus;
  return {
    id: host.id,
    name: host.name,
    kind: host.kind,
    simulatedGpus: sim ? gpuCountWords(sim.count, sim.gpuId) : host.kind === "local-sim" ? "simulated" : null,
    status: host.health.status,
    since: host.health.since?.toISOString() ?? null,
    error: host.health.error,
    gpus: runtimeGpusOf(host).gpus.map(({ index, gpuId, memoryBytes }) => ({ index, gpuId, memoryBytes })),
    ramBytes: host.ramBytes,
    cpuCores: host.cpuCores,
    labels: host.labels,
    wsl2: kernelIsWsl(host.engine?.kernelVersion),
  };
}
