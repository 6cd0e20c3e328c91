import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BudgetTermsTable } from "@/components/budget/budget-terms-table";
import { CopyButton } from "@/components/instances/copy-button";
import { InstanceLive } from "@/components/instances/instance-live";
import { InstanceStateButtons } from "@/components/instances/instance-state-buttons";
import { LogViewer } from "@/components/instances/log-viewer";
import { TryIt } from "@/components/instances/try-it";
import { PageHeader } from "@/components/ui/page-header";
import { toInstanceDetailOut } from "@/lib/api/instance-detail";
import { instancePermissions } from "@/lib/api/instance-permissions";
import { authorizedRead, currentActor, grantsOf } from "@/lib/auth/authorize";
import { budgetInstance } from "@/lib/budget/instance";
import { resolveModel, gpuSpecOf, DEFAULT_PLANNING_GPU } from "@/lib/layout/resolvers";
import { findInstanceDetail } from "@/lib/queries/instances/find-instance-detail";
import { describeReplicas } from "@/lib/runtime/describe-replicas";
import { runtimeHosts } from "@/lib/runtime/controller";
import { instanceSchema } from "@/lib/vocabulary/layout-schema";

export const metadata: Metadata = { title: "Instance" };
export const dynamic = "force-dynamic";

/** The budget of the instance on the GPU of its first replica (the simulator's GPU kind on simulated hosts). */
async function budgetOf(spec: string, hostId: string | null, gpuIndex: number | undefined) {
  const instance = instanceSchema.safeParse(JSON.parse(spec));
  if (!instance.success) return null;
  const model = resolveModel(instance.data.model, instance.data.modelConfig);
  if (!model) return null;
  const host = (await runtimeHosts()).find((h) => h.id === hostId);
  const gpuId = host?.simulatedGpus?.gpuId ?? host?.gpus.find((g) => g.index === gpuIndex)?.gpuId;
  const gpu = (gpuId && gpuSpecOf(gpuId)) || DEFAULT_PLANNING_GPU;
  return { instance: instance.data, budget: budgetInstance(instance.data, model, gpu) };
}

export default async function InstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const actor = await currentActor();
  if (!actor) return null;
  const probe = await authorizedRead("instance.read", { type: "global" }, (c) =>
    findInstanceDetail(c, instanceId, { withLogs: false }),
  );
  if (!probe) notFound();
  const may = instancePermissions(actor, await grantsOf(actor), probe);
  const detail = may.logs
    ? ((await authorizedRead("instance.read", { type: "global" }, (c) =>
        findInstanceDetail(c, instanceId, { withLogs: true }),
      )) ?? probe)
    : probe;
  const replicas = detail.replicas.map((r) => r.replica);
  const [described, planned] = await Promise.all([
    describeReplicas({ ...detail, replicas: detail.replicas }),
    budgetOf(detail.spec, detail.replicas[0]?.hostId ?? null, detail.replicas[0]?.gpuIndices[0]),
  ]);
  return (
    <>
      <PageHeader
        title={detail.instanceKey}
        description={`${detail.engine} · ${detail.model} · layout ${detail.layoutName} · desired ${detail.desiredState}, ${detail.replicaCount} replica${detail.replicaCount === 1 ? "" : "s"}`}
        actions={
          may.operate ? (
            <InstanceStateButtons
              instanceId={detail.id}
              instanceKey={detail.instanceKey}
              desiredState={detail.desiredState}
              replicas={detail.replicaCount}
            />
          ) : undefined
        }
      />
      <p className="mb-4 text-sm">
        <Link href="/instances" className="underline">
          ← All instances
        </Link>
      </p>
      <InstanceLive initial={toInstanceDetailOut(detail, may)} />
      {may.logs ? (
        <LogViewer instanceId={detail.id} instanceKey={detail.instanceKey} replicas={replicas} />
      ) : (
        <p className="mb-8 text-sm text-slate-600 dark:text-slate-400">
          Logs can hold prompts: they are shown to admins and to operators whose grants cover this instance&apos;s
          hosts.
        </p>
      )}
      {may.invoke && <TryIt instanceId={detail.id} replicas={replicas} />}
      <section aria-labelledby="spec-heading" className="mb-8">
        <h2 id="spec-heading" className="mb-2 text-lg font-semibold">
          Container
        </h2>
        {described.map((d) => (
          <div key={d.replica} className="mb-3">
            <h3 className="text-sm font-medium">Replica {d.replica}: the exact docker run</h3>
            {d.dockerRun ? (
              <div className="flex items-start gap-2">
                <pre
                  data-testid={`docker-run-${d.replica}`}
                  className="flex-1 overflow-x-auto rounded bg-slate-950 p-2 text-xs whitespace-pre-wrap text-slate-100"
                >
                  {d.dockerRun}
                </pre>
                <CopyButton text={d.dockerRun} label={`Copy the docker run of replica ${d.replica}`} />
              </div>
            ) : (
              <p className="text-sm text-red-700">{d.error}</p>
            )}
            {d.notes.map((n) => (
              <p key={n} className="text-xs text-slate-500">
                {n}
              </p>
            ))}
          </div>
        ))}
        <details className="text-sm">
          <summary>The instance as applied (JSON)</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
            {JSON.stringify(JSON.parse(detail.spec), null, 2)}
          </pre>
        </details>
      </section>
      {planned && (
        <section aria-labelledby="budget-heading" className="mb-8 max-w-xl">
          <h2 id="budget-heading" className="mb-2 text-lg font-semibold">
            Memory budget per GPU
          </h2>
          <BudgetTermsTable budget={planned.budget} instanceId={planned.instance.id} />
        </section>
      )}
    </>
  );
}
