import type { Metadata } from "next";
import { GpuPlacementGrid } from "@/components/fleet/gpu-placement-grid";
import { HostTable } from "@/components/fleet/host-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead } from "@/lib/auth/authorize";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { listGpuPlacements } from "@/lib/queries/fleet/list-gpu-placements";
import { listHosts } from "@/lib/queries/hosts/list-hosts";

export const metadata: Metadata = { title: "Fleet" };
export const dynamic = "force-dynamic";

export default async function FleetPage() {
  const [hosts, placements] = await Promise.all([
    authorizedRead("fleet.read", { type: "global" }, listHosts),
    authorizedRead("instance.read", { type: "global" }, listGpuPlacements),
  ]);
  const gridHosts = hosts.map((h) => {
    const count = h.simulatedGpus?.count ?? (h.gpus.length === 0 ? h.declaredGpus?.count : undefined);
    const indices = count ? Array.from({ length: count }, (_, i) => i) : h.gpus.map((g) => g.index);
    return { id: h.id, name: h.name, gpuIndices: indices, simulated: h.simulatedGpus !== null };
  });
  return (
    <>
      <PageHeader title="Fleet" description="GPU hosts fleetdeck manages, their GPUs and their state." />
      <AutoRefresh intervalMs={2_000} />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts registered yet">
          Registered Docker hosts and their discovered GPUs appear here (Settings → Hosts). Until then, plan on hardware
          you declare in a layout (Layouts → a layout → add host).
        </EmptyState>
      ) : (
        <>
          <HostTable hosts={hosts} />
          <h2 className="mt-8 mb-2 text-lg font-semibold">What runs where</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            Each GPU: what the applied revisions plan there, and what runs there now. Outlined GPUs differ from the plan
            (still converging, failed, or scaled beyond it).
          </p>
          <GpuPlacementGrid hosts={gridHosts} planned={placements.planned} observed={placements.observed} />
        </>
      )}
    </>
  );
}
