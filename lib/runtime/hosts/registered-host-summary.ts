import { gpuCountWords } from "../../catalog/gpu-count-words";
import type { RegisteredHostSummary } from "../../designer/bound-host";
import type { HostView } from "../../queries/hosts/host-view";
import { runtimeGpusOf } from "./runtime-gpus";

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
  };
}
