import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { formatRelativeTime } from "@/lib/format";
import { listLayouts } from "@/lib/layouts/list-layouts";

export const metadata: Metadata = { title: "Layouts" };
export const dynamic = "force-dynamic";

export default async function LayoutsPage() {
  const layouts = await listLayouts();
  return (
    <>
      <PageHeader title="Layouts" description="Plans of which model runs on which GPUs, with their memory budgets and revisions." />
      {layouts.length === 0 ? (
        <EmptyState title="No layouts yet">A saved layout keeps every revision, so you can compare and share any of them.</EmptyState>
      ) : (
        <DataTable
          caption="Layouts"
          rows={layouts}
          rowKey={(l) => l.id}
          columns={[
            { header: "Name", cell: (l) => <span className="font-medium">{l.name}</span> },
            { header: "Revisions", cell: (l) => l.revisionCount },
            { header: "Latest note", cell: (l) => l.latestNote || "—" },
            { header: "Updated", cell: (l) => formatRelativeTime(l.updatedAt) },
          ]}
        />
      )}
    </>
  );
}
