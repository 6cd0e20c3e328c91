import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import { loadTestRegistry } from "../../metrics/load-test/load-test-registry-holder";
import type { LoadTestRunView } from "../../metrics/load-test/load-test-run-view";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { listLoadTestRuns } from "../../queries/load-tests/list-load-test-runs";
import { visibilityOf } from "./visibility";

const input = z.object({
  instanceId: z.string().min(1).max(64).optional(),
  /** Comma-separated run ids (the comparison view). */
  ids: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(64)).max(16, "ids: compare at most 16 runs"))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500, "limit must be at most 500").default(100),
});

/**
 * GET /api/metrics/load-tests?instanceId=|ids=a,b: load test runs, newest first, each with its live progress while
 * it runs; only runs of instances the caller may see.
 */
export const loadTestRunsSpec = {
  name: "metrics.load-tests",
  input,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  prepare: async (_input, actor) => {
    const { inventory } = await (await metricsService()).inventory();
    await loadTestRegistry().sweep();
    return visibilityOf(actor, inventory);
  },
  run: async (q, { tx, prepared: visible }) => {
    const registry = loadTestRegistry();
    const rows = await listLoadTestRuns(tx, { instanceId: q.instanceId, ids: q.ids, limit: q.limit });
    return {
      data: rows
        .filter((r) => visible.instance(r.instanceId))
        .map((r): LoadTestRunView => ({ ...r, progress: r.status === "running" ? registry.progress(r.id) : null })),
    };
  },
} satisfies ActionSpec<typeof input, LoadTestRunView[], Awaited<ReturnType<typeof visibilityOf>>>;
