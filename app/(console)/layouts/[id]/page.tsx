import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionList } from "@/components/designer/revision-list";
import { SavedLayoutDesigner } from "@/components/designer/saved-layout-designer";
import { LayoutActions } from "@/components/layouts/layout-actions";
import { PageHeader } from "@/components/ui/page-header";
import { applyRevision } from "@/lib/actions/instances/apply-revision";
import { createLayout } from "@/lib/actions/layouts/create-layout";
import { RegisteredHostsProvider } from "@/components/hosts/registered-hosts";
import { listHosts } from "@/lib/queries/hosts/list-hosts";
import { registeredHostSummary } from "@/lib/runtime/hosts/registered-host-summary";
import { findLayoutAccess } from "@/lib/queries/layouts/find-layout-access";
import { saveRevision } from "@/lib/actions/layouts/save-revision";
import { authorizedRead } from "@/lib/auth/authorize";
import { designerAccess } from "@/lib/auth/designer-access";
import { findLayoutDeployment } from "@/lib/queries/instances/find-layout-deployment";
import { listRunningInstances } from "@/lib/queries/instances/list-running-instances";
import { getLayout } from "@/lib/queries/layouts/get-layout";
import { getDesignerSettings } from "@/lib/queries/settings/get-designer-settings";

export const metadata: Metadata = { title: "Layout" };
export const dynamic = "force-dynamic";

export default async function LayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { saved, running, deployment, settings, access } = await authorizedRead(
    "layout.read",
    { type: "layout", id },
    async (client, actor) => ({
      saved: await getLayout(client, id),
      running: await listRunningInstances(client, id),
      deployment: await findLayoutDeployment(client, id),
      settings: await getDesignerSettings(client),
      access: await designerAccess(actor, id),
    }),
  );
  if (!saved) notFound();
  const registered = (await authorizedRead("fleet.read", { type: "global" }, listHosts)).map(registeredHostSummary);
  const { latest } = saved;
  const layoutAccess = await authorizedRead("layout.read", { type: "layout", id }, (client) =>
    findLayoutAccess(client, id),
  );
  const archived = layoutAccess?.archivedAt != null;
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
            mayChange={access.canEdit}
            mayCreate={access.canCreate}
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
      <RegisteredHostsProvider hosts={registered} readAt={new Date().toISOString()}>
        <SavedLayoutDesigner
          key={id}
          layoutId={id}
          baseNumber={latest.number}
          initial={latest.layout}
          revisionIds={Object.fromEntries(saved.revisions.map((r) => [r.number, r.id]))}
          access={access}
          vramCeiling={settings.vramCeiling}
          saveRevision={saveRevision}
          createLayout={createLayout}
          applyRevision={applyRevision}
          running={running}
          deploymentVersion={deployment.version}
        />
      </RegisteredHostsProvider>
      <div className="mt-8">
        <RevisionList layoutId={id} revisions={saved.revisions} />
      </div>
    </>
  );
}
