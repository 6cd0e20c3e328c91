import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HostTable } from "@/components/fleet/host-table";
import { authorizedRead } from "@/lib/auth/authorize";
import { AutoRefresh } from "@/components/hosts/auto-refresh";
import { listHosts } from "@/lib/queries/hosts/list-hosts";

export const metadata: Metadata = { title: "Fleet" };
export const dynamic = "force-dynamic";

export default async function FleetPage() {
  const hosts = await authorizedRead("fleet.read", { type: "global" }, listHosts);
  return (
    <>
      <PageHeader title="Fleet" description="GPU hosts fleetdeck manages, their GPUs and their state." />
      <AutoRefresh intervalMs={10_000} />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts registered yet">
          Registered Docker hosts and their discovered GPUs appear here (Settings → Hosts). Until then, plan on hardware
          you declare in a layout (Layouts → a layout → add host).
        </EmptyState>
      ) : (
        <HostTable hosts={hosts} />
      )}
    </>
  );
}
