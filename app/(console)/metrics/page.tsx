import type { Metadata } from "next";
import { MetricsDashboard } from "@/components/metrics/metrics-dashboard";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { metricsPageData } from "@/lib/api/metrics/metrics-page-data";
import { authorizedRead } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Metrics" };
export const dynamic = "force-dynamic";

const REFRESH_MS = 10_000;

export default async function MetricsPage() {
  const page = await authorizedRead("metrics.read", { type: "global" }, metricsPageData);
  return (
    <>
      <PageHeader
        title="Metrics"
        description="GPU, host, KV-cache, throughput and latency per instance; the plan next to what runs; test load."
      />
      {page.instances.length === 0 && page.hosts.length === 0 ? (
        <EmptyState title="No live data">
          Nothing is registered or applied yet, so there is nothing to chart. Charts show planned memory next to what
          each GPU really holds once instances run.
        </EmptyState>
      ) : (
        <MetricsDashboard page={page} />
      )}
      {/* The charts poll on their own; this keeps the frame (instances and their states, hosts, the plan) current. */}
      <AutoRefresh intervalMs={REFRESH_MS} />
    </>
  );
}
