import type { Metadata } from "next";
import { ApplyRevisionForm } from "@/components/instances/apply-revision-form";
import { InstanceStateButtons } from "@/components/instances/instance-state-buttons";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listRevisionChoices } from "@/lib/queries/layouts/list-revision-choices";
import { authorizedRead, currentActor, grantsOf } from "@/lib/auth/authorize";
import { can, canWriteAnything } from "@/lib/auth/can";
import { formatRelativeTime } from "@/lib/format";
import { listInstances } from "@/lib/queries/instances/list-instances";

export const metadata: Metadata = { title: "Instances" };
export const dynamic = "force-dynamic";

export default async function InstancesPage() {
  const [instances, actor] = await Promise.all([
    authorizedRead("instance.read", { type: "global" }, listInstances),
    currentActor(),
  ]);
  const writer = actor !== null && canWriteAnything(actor);
  const [revisions, grants] =
    writer && actor
      ? await Promise.all([authorizedRead("layout.read", { type: "global" }, listRevisionChoices), grantsOf(actor)])
      : [[], []];
  const mayOperate = (i: (typeof instances)[number]) =>
    actor !== null &&
    writer &&
    can(actor, "instance.start", { type: "instance", id: i.id, hostLabels: i.hostLabels }, grants);
  return (
    <>
      <PageHeader
        title="Instances"
        description="Engine containers as applied from layouts: what should run and what does."
      />
      {writer && <ApplyRevisionForm revisions={revisions} />}
      {instances.length === 0 ? (
        <EmptyState title="No instances applied yet">
          Instances appear here once a layout is applied to real hosts.
        </EmptyState>
      ) : (
        <DataTable
          caption="Instances"
          rows={instances}
          rowKey={(i) => i.id}
          columns={[
            { header: "Instance", cell: (i) => <span className="font-medium">{i.instanceKey}</span> },
            { header: "Layout", cell: (i) => i.layoutName },
            { header: "Host", cell: (i) => i.hostName ?? "unplaced" },
            { header: "GPUs", cell: (i) => i.gpuIndices.join(", ") || "—" },
            { header: "Desired", cell: (i) => i.desiredState },
            { header: "Observed", cell: (i) => <span title={i.lastError ?? undefined}>{i.observedState}</span> },
            { header: "Updated", cell: (i) => formatRelativeTime(i.updatedAt) },
            ...(writer
              ? [
                  {
                    header: "Actions",
                    cell: (i: (typeof instances)[number]) =>
                      mayOperate(i) ? (
                        <InstanceStateButtons
                          instanceId={i.id}
                          instanceKey={i.instanceKey}
                          desiredState={i.desiredState}
                        />
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
