import { HealthBadge } from "@/components/hosts/health-badge";
import { SimulatedBadge } from "@/components/hosts/simulated-badge";
import { DataTable } from "@/components/ui/data-table";
import { gpuCountWords } from "@/lib/catalog/gpu-count-words";
import { formatBytes } from "@/lib/format";
import type { HostView } from "@/lib/queries/hosts/host-view";

function gpus(h: HostView) {
  if (h.gpus.length > 0)
    return h.gpus
      .map(
        (g) =>
          `[${g.index}] ${g.name} · ${g.memoryUsedBytes === null ? "" : `${formatBytes(g.memoryUsedBytes)} / `}${formatBytes(g.memoryBytes)}`,
      )
      .join("; ");
  if (h.simulatedGpus) return gpuCountWords(h.simulatedGpus.count, h.simulatedGpus.gpuId);
  if (h.declaredGpus)
    return `declared ${gpuCountWords(h.declaredGpus.count, h.declaredGpus.gpuId, h.declaredGpus.memoryBytes)}`;
  return "none known";
}

export function HostTable({ hosts }: { hosts: HostView[] }) {
  const now = new Date();
  return (
    <DataTable
      caption="Hosts"
      rows={hosts}
      rowKey={(h) => h.id}
      columns={[
        {
          header: "Host",
          cell: (h) => (
            <span>
              <span className="font-medium">{h.name}</span>{" "}
              <span className="block">
                <SimulatedBadge host={h} />
              </span>
            </span>
          ),
        },
        { header: "State", cell: (h) => <HealthBadge health={h.health} now={now} /> },
        {
          header: "Labels",
          cell: (h) =>
            Object.entries(h.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(", ") || "—",
        },
        { header: "GPUs", cell: gpus },
        { header: "RAM", cell: (h) => (h.ramBytes ? formatBytes(h.ramBytes) : "—") },
        { header: "Cores", cell: (h) => h.cpuCores || "—" },
      ]}
    />
  );
}
