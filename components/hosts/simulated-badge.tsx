import { gpuCountWords } from "@/lib/catalog/gpu-count-words";
import type { HostView } from "@/lib/queries/hosts/host-view";

/** Says plainly that a host's GPUs are simulated: shown wherever such a host appears. */
export function SimulatedBadge({ host }: { host: Pick<HostView, "kind" | "simulatedGpus"> }) {
  if (host.kind !== "local-sim" && !host.simulatedGpus) return null;
  const gpus = host.simulatedGpus ? gpuCountWords(host.simulatedGpus.count, host.simulatedGpus.gpuId) : "";
  const text =
    host.kind === "local-sim"
      ? `Local simulated host${gpus ? `: ${gpus}` : ""} (engines run as simulator processes; no real GPU)`
      : `Simulated GPUs: ${gpus}`;
  return (
    <span
      data-testid="simulated-badge"
      className="inline-flex rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      {text}
    </span>
  );
}
