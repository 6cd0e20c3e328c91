import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead } from "@/lib/auth/authorize";
import { env } from "@/lib/server/env";
import { listInstances } from "@/lib/queries/instances/list-instances";

export const metadata: Metadata = { title: "Metrics" };
export const dynamic = "force-dynamic";

export default async function MetricsPage() {
  const { PROMETHEUS_URL } = env();
  const instances = await authorizedRead("instance.read", { type: "global" }, listInstances);
  const source = PROMETHEUS_URL ? `Prometheus at ${PROMETHEUS_URL}` : "the embedded scraper";
  return (
    <>
      <PageHeader title="Metrics" description={`GPU, CPU, KV-cache and latency charts per instance, from ${source}.`} />
      {instances.length === 0 && (
        <EmptyState title="No live data">
          Nothing is running yet, so there is nothing to chart. Charts show planned memory next to what each GPU really
          holds once instances run.
        </EmptyState>
      )}
    </>
  );
}
