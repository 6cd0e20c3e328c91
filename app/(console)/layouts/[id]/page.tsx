import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionList } from "@/components/designer/revision-list";
import { SavedLayoutDesigner } from "@/components/designer/saved-layout-designer";
import { LayoutActions } from "@/components/layouts/layout-actions";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead, currentActor, grantsOf } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/can";
import { findLayoutAccess } from "@/lib/queries/layouts/find-layout-access";
import { getLayout } from "@/lib/queries/layouts/get-layout";
import { listRunningInstances } from "@/lib/queries/instances/list-running-instances";
import { saveRevision } from "@/lib/actions/layouts/save-revision";

export const metadata: Metadata = { title: "Layout" };
export const dynamic = "force-dynamic";

export default async function LayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const saved = await authorizedRead("layout.read", { type: "layout", id }, (client) => getLayout(client, id));
  if (!saved) notFound();
  const running = await authorizedRead("layout.read", { type: "layout", id }, (client) =>
    listRunningInstances(client, id),
  );
  const { latest } = saved;
  const [access, actor] = await Promise.all([
    authorizedRead("layout.read", { type: "layout", id }, (client) => findLayoutAccess(client, id)),
    currentActor(),
  ]);
  const grants = actor ? await grantsOf(actor) : [];
  const mayChange =
    actor !== null &&
    access !== null &&
    can(actor, "layout.write", { type: "layout", id, ownerId: access.ownerId, hosts: access.hosts }, grants);
  const mayCreate = actor !== null && can(actor, "layout.write", { type: "layout" }, grants);
  const archived = access?.archivedAt != null;
  return (
    <>
      <PageHeader
        title={saved.name}
        description={`Revision ${latest.number}${latest.note ? `: ${latest.note}` : ""} · by ${latest.authorName ?? "unknown"} · ${latest.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
        actions={
          <LayoutActions
            layoutId={id}
            name={saved.name}
            baseNumber={latest.number}
            archived={archived}
            mayChange={mayChange}
            mayCreate={mayCreate}
          />
        }
      />
      {archived && (
        <p
          role="status"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          This layout is archived: it is not in the list of layouts and cannot be applied. Restore it to work on it
          again.
        </p>
      )}
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
