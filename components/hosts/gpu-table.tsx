import { DataTable } from "@/components/ui/data-table";
import { gpuCountWords } from "@/lib/catalog/gpu-count-words";
import { formatBytes } from "@/lib/format";
import type { HostGpuView, HostView } from "@/lib/queries/hosts/host-view";

function holders(gpu: HostGpuView) {
  if (gpu.holders.length === 0) return "nothing";
  return (
    <ul className="space-y-0.5">
      {gpu.holders.map((h) => (
        <li key={`${h.pid}-${h.containerName ?? h.name}`}>
          {h.instanceKey ? (
            <span>
              instance <strong>{h.instanceKey}</strong>
            </span>
          ) : (
            <span>foreign process</span>
          )}{" "}
          <span className="text-slate-500">
            {h.pid !== null ? `pid ${h.pid} ` : ""}
            {h.name}
            {h.usedMemoryBytes !== null ? ` · ${formatBytes(h.usedMemoryBytes)}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A host's GPUs: discovered ones in full, else what it declares or simulates. */
export function GpuTable({ host }: { host: HostView }) {
  const { discovery } = host;
  if (host.gpus.length === 0) {
    const planned = host.simulatedGpus
      ? `Simulated: ${gpuCountWords(host.simulatedGpus.count, host.simulatedGpus.gpuId)} (not discovered yet)`
      : host.declaredGpus
        ? `Declared: ${gpuCountWords(host.declaredGpus.count, host.declaredGpus.gpuId, host.declaredGpus.memoryBytes)}`
        : "No GPUs known: discover them, or declare them.";
    return <p className="text-sm text-slate-600 dark:text-slate-400">{planned}</p>;
  }
  return (
    <div>
      <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">
        {discovery.source === "simulated" ? "Simulated GPUs" : `From ${discovery.source}`} · driver{" "}
        {discovery.driverVersion ?? "—"} · CUDA {discovery.cudaVersion ?? "—"}
        {discovery.at ? ` · discovered ${discovery.at.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}
      </p>
      <DataTable
        caption={`GPUs of ${host.name}`}
        rows={host.gpus}
        rowKey={(g) => String(g.index)}
        columns={[
          { header: "#", cell: (g) => g.index },
          {
            header: "GPU",
            cell: (g) => (
              <span>
                {g.name}
                <span className="block text-xs text-slate-500">
                  {g.catalogGpuId ? `catalog: ${g.catalogGpuId}` : "not in the catalog: budgets as a custom GPU"}
                </span>
              </span>
            ),
          },
          { header: "UUID", cell: (g) => <code className="text-xs break-all">{g.uuid ?? "—"}</code> },
          {
            header: "Memory used / total",
            cell: (g) =>
              `${g.memoryUsedBytes === null ? "—" : formatBytes(g.memoryUsedBytes)} / ${formatBytes(g.memoryBytes)}`,
          },
          {
            header: "Driver / CUDA",
            cell: () => `${discovery.driverVersion ?? "—"} / ${discovery.cudaVersion ?? "—"}`,
          },
          { header: "Holding memory now", cell: holders },
        ]}
      />
    </div>
  );
}
