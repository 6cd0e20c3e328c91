import type { Metadata } from "next";
import { ApplyRevisionForm } from "@/components/instances/apply-revision-form";
import { InstanceFilters } from "@/components/instances/instance-filters";
import { InstancesTable } from "@/components/instances/instances-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { instancePermissions } from "@/lib/api/instance-permissions";
import { toInstanceOut } from "@/lib/api/read/lists";
import { authorizedRead, currentActor, grantsOf } from "@/lib/auth/authorize";
import { canWriteAnything } from "@/lib/auth/can";
import { listHosts } from "@/lib/queries/hosts/list-hosts";
import { listInstanceReplicas } from "@/lib/queries/instances/list-instance-replicas";
import { listRevisionChoices } from "@/lib/queries/layouts/list-revision-choices";

export const metadata: Metadata = { title: "Instances" };
export const dynamic = "force-dynamic";

export default async function InstancesPage() {
  const [instances, hosts, actor] = await Promise.all([
    authorizedRead("instance.read", { type: "global" }, (client) => listInstanceReplicas(client)),
    authorizedRead("fleet.read", { type: "global" }, listHosts),
    currentActor(),
  ]);
  if (!actor) return null;
  const writer = canWriteAnything(actor);
  const grants = await grantsOf(actor);
  const revisions = writer ? await authorizedRead("layout.read", { type: "global" }, listRevisionChoices) : [];
  const layouts = [...new Map(instances.map((i) => [i.layoutId, { id: i.layoutId, name: i.layoutName }])).values()];
  return (
    <>
      <PageHeader
        title="Instances"
        description="Every replica of every applied instance: where it runs, what its container does now (refreshed every second), its endpoint."
      />
      {writer && <ApplyRevisionForm revisions={revisions} />}
      {instances.length === 0 ? (
        <EmptyState title="No instances applied yet">
          Instances appear here once a layout is applied to registered hosts.
        </EmptyState>
      ) : (
        <>
          <InstanceFilters layouts={layouts} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
          <InstancesTable initial={instances.map((i) => toInstanceOut(i, instancePermissions(actor, grants, i)))} />
        </>
      )}
    </>
  );
}
