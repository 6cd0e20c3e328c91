import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const events = await listAuditEvents();
  return (
    <>
      <PageHeader title="Audit" description="Every change, who made it, when and from where. Append-only." />
      {events.length === 0 ? (
        <EmptyState title="No events yet">Sign-ins, layout saves and every applied change are recorded here.</EmptyState>
      ) : (
        <DataTable
          caption="Audit events"
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            { header: "When", cell: (e) => <time dateTime={e.at.toISOString()}>{e.at.toISOString().replace("T", " ").slice(0, 19)}</time> },
            { header: "Who", cell: (e) => e.actorLabel },
            { header: "From", cell: (e) => e.ip ?? "—" },
            { header: "Action", cell: (e) => <code>{e.action}</code> },
            { header: "Target", cell: (e) => `${e.targetType}${e.targetId ? ` ${e.targetId}` : ""}` },
          ]}
        />
      )}
    </>
  );
}
