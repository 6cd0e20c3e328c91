import type { Metadata } from "next";
import { NewLayoutDesigner } from "@/components/designer/new-layout-designer";
import { PageHeader } from "@/components/ui/page-header";
import { RegisteredHostsProvider } from "@/components/hosts/registered-hosts";
import { listHosts } from "@/lib/queries/hosts/list-hosts";
import { registeredHostSummary } from "@/lib/runtime/hosts/registered-host-summary";
import { TEMPLATES } from "@/lib/layout/templates";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import { createLayout } from "@/lib/actions/layouts/create-layout";
import { authorizedRead } from "@/lib/auth/authorize";
import { designerAccess } from "@/lib/auth/designer-access";
import { getDesignerSettings } from "@/lib/queries/settings/get-designer-settings";

export const metadata: Metadata = { title: "New layout" };
export const dynamic = "force-dynamic";

const BLANK: Layout = { schemaVersion: 1, name: "New layout", hosts: [], instances: [] };

export default async function NewLayoutPage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const { template } = await searchParams;
  const picked = template ? TEMPLATES.find((t) => t.id === template) : undefined;
  const { settings, access } = await authorizedRead("layout.read", { type: "global" }, async (client, actor) => ({
    settings: await getDesignerSettings(client),
    access: await designerAccess(actor),
  }));
  const registered = (await authorizedRead("fleet.read", { type: "global" }, listHosts)).map(registeredHostSummary);
  return (
    <>
      <PageHeader
        title={picked ? `New layout from "${picked.title}"` : "New layout"}
        description={
          picked ? picked.description : "Add planned hosts, select GPUs, pick models; budgets update as you edit."
        }
      />
      {template && !picked && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          There is no template "{template}"; starting from a blank layout. Templates:{" "}
          {TEMPLATES.map((t) => t.id).join(", ")}.
        </p>
      )}
      <RegisteredHostsProvider hosts={registered} readAt={new Date().toISOString()}>
        <NewLayoutDesigner
          initial={picked?.layout ?? BLANK}
          createLayout={createLayout}
          access={access}
          vramCeiling={settings.vramCeiling}
        />
      </RegisteredHostsProvider>
    </>
  );
}
