import { DataTable } from "@/components/ui/data-table";
import type { HostRow } from "@/lib/queries/fleet/list-hosts";
import { formatBytes, formatRelativeTime } from "@/lib/format";

export function HostTable({ hosts }: { hosts: HostRow[] }) {
  return (
    <DataTable
      caption="Hosts"
      rows={hosts}
      rowKey={(h) => h.id}
      columns={[
        { header: "Host", cell: (h) => <span className="font-medium">{h.name}</span> },
        { header: "Status", cell: (h) => <span title={h.statusText ?? undefined}>{h.status}</span> },
        {
          header: "Labels",
          cell: (h) =>
            Object.entries(h.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(", ") || "—",
        },
        {
          header: "GPUs",
          cell: (h) =>
            h.gpus.map((g) => `[${g.index}] ${g.name} · ${formatBytes(g.memoryBytes)}`).join("; ") || "none found",
        },
        { header: "RAM", cell: (h) => formatBytes(h.ramBytes) },
        { header: "Cores", cell: (h) => h.cpuCores },
        { header: "Seen", cell: (h) => (h.lastSeenAt ? formatRelativeTime(h.lastSeenAt) : "never") },
      ]}
    />
  );
}
