"use client";

import { useQuery } from "@tanstack/react-query";
import type { LoadTestRunView } from "@/lib/metrics/load-test/load-test-run-view";

/** Load test runs (of one instance, some ids, or all), refreshed every second while one runs. */
export function useLoadTestRuns(filter: { instanceId?: string | null; ids?: readonly string[] }) {
  const p = new URLSearchParams();
  if (filter.instanceId) p.set("instanceId", filter.instanceId);
  if (filter.ids) p.set("ids", filter.ids.join(","));
  const search = p.toString();
  return useQuery({
    queryKey: ["load-tests", search],
    queryFn: async (): Promise<LoadTestRunView[]> => {
      const res = await fetch(`/api/metrics/load-tests?${search}`);
      if (!res.ok) throw new Error(`the server answered HTTP ${res.status}`);
      return res.json();
    },
    enabled: filter.ids === undefined || filter.ids.length > 0,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "running") ? 1000 : 10_000),
    retry: false,
  });
}
