import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionList } from "@/components/designer/revision-list";
import { SavedLayoutDesigner } from "@/components/designer/saved-layout-designer";
import { PageHeader } from "@/components/ui/page-header";
import { RegisteredHostsProvider } from "@/components/hosts/registered-hosts";
import { listHosts } from "@/lib/queries/hosts/list-hosts";
import { registeredHostSummary } from "@/lib/runtime/hosts/registered-host-summary";
import { authorizedRead } from "@/lib/auth/authorize";
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
  const registered = (await authorizedRead("fleet.read", { type: "global" }, listHosts)).map(registeredHostSummary);
  const { latest } = saved;
  return (
    <>
      <PageHeader
        title={saved.name}
        description={`Revision ${latest.number}${latest.note ? `: ${latest.note}` : ""} · by ${latest.authorName ?? "unknown"} · ${latest.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
      />
      <RegisteredHostsProvider hosts={registered} readAt={new Date().toISOString()}>
        <SavedLayoutDesigner
          key={id}
          layoutId={id}
          baseNumber={latest.number}
          initial={latest.layout}
          saveRevision={saveRevision}
          running={running}
        />
      </RegisteredHostsProvider>
      <div className="mt-8">
        <RevisionList layoutId={id} revisions={saved.revisions} />
      </div>
    </>
  );
}
