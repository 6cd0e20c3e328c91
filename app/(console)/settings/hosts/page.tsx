import type { Metadata } from "next";
import Link from "next/link";
import { AddHostDialog } from "@/components/hosts/add-host-dialog";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { HostCard } from "@/components/hosts/host-card";
import { HostSettingsForm } from "@/components/hosts/host-settings-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead, currentActor } from "@/lib/auth/authorize";
import { listHosts } from "@/lib/queries/hosts/list-hosts";
import { findHostSettings } from "@/lib/queries/settings/find-host-settings";

export const metadata: Metadata = { title: "Hosts" };
export const dynamic = "force-dynamic";

export default async function HostsSettingsPage() {
  const actor = await currentActor();
  const canManage = actor?.role === "admin" && actor.kind === "user";
  const hosts = await authorizedRead("fleet.read", { type: "global" }, listHosts);
  const now = new Date();
  const settings = canManage ? await authorizedRead("host.manage", { type: "global" }, findHostSettings) : null;
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Docker hosts fleetdeck runs engines on: how to reach them, their labels (what role grants match), their state and their GPUs."
        actions={canManage ? <AddHostDialog /> : undefined}
      />
      <p className="mb-4 text-sm">
        <Link href="/settings" className="underline">
          ← Settings
        </Link>
        {!canManage && " · You can see hosts, their state and GPUs; admins add, edit and remove them."}
      </p>
      <AutoRefresh intervalMs={10_000} />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts registered">
          {canManage
            ? "Add a Docker host (Add host) or a local simulated host."
            : "An admin has not added any host yet."}
        </EmptyState>
      ) : (
        hosts.map((host) => <HostCard key={host.id} host={host} canManage={canManage} now={now} />)
      )}
      {settings && (
        <section aria-labelledby="host-settings" className="mt-8">
          <h2 id="host-settings" className="mb-2 text-lg font-semibold">
            Discovery and health checks
          </h2>
          <HostSettingsForm settings={settings} />
        </section>
      )}
    </>
  );
}
