import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { describeConfig } from "@/lib/settings/describe-config";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default function SettingsPage() {
  const rows = describeConfig();
  return (
    <>
      <PageHeader title="Settings" description="How this fleetdeck server is configured. Change these with environment variables and restart." />
      <DataTable
        caption="Configuration"
        rows={rows}
        rowKey={(r) => r.name}
        columns={[
          { header: "Variable", cell: (r) => <code>{r.name}</code> },
          { header: "Value", cell: (r) => <span className="font-mono text-xs break-all">{r.value}</span> },
          { header: "Meaning", cell: (r) => r.meaning },
        ]}
      />
    </>
  );
}
