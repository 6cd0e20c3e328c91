import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionList } from "@/components/designer/revision-list";
import { SavedLayoutDesigner } from "@/components/designer/saved-layout-designer";
import { PageHeader } from "@/components/ui/page-header";
import { getLayout } from "@/lib/queries/layouts/get-layout";
import { listRunning } from "@/lib/queries/instances/list-running-instances";
import { saveRevision } from "./actions";

export const metadata: Metadata = { title: "Layout" };
export const dynamic = "force-dynamic";

export default async function LayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const saved = await getLayout(id);
  if (!saved) notFound();
  const running = await listRunning(id);
  const { latest } = saved;
  return (
    <>
      <PageHeader
        title={saved.name}
        description={`Revision ${latest.number}${latest.note ? `: ${latest.note}` : ""} · by ${latest.authorName ?? "unknown"} · ${latest.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
      />
      <SavedLayoutDesigner
        key={id}
        layoutId={id}
        baseNumber={latest.number}
        initial={latest.layout}
        saveRevision={saveRevision}
        running={running}
      />
      <div className="mt-8">
        <RevisionList layoutId={id} revisions={saved.revisions} />
      </div>
    </>
  );
}
