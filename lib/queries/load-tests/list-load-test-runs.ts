import "server-only";
import type { DbClient } from "../db";
import { type LoadTestRunRecord, runViewOf } from "./load-test-run-row";

/** Load test runs, newest first: of one instance, of some runs by id, or of the whole fleet. */
export async function listLoadTestRuns(
  client: DbClient,
  filter: { instanceId?: string; ids?: readonly string[]; limit?: number } = {},
) {
  const rows: LoadTestRunRecord[] = await client.loadTestRun.findMany({
    where: {
      ...(filter.instanceId && { instanceId: filter.instanceId }),
      ...(filter.ids && { id: { in: [...filter.ids] } }),
    },
    orderBy: { startedAt: "desc" },
    take: filter.limit ?? 100,
  });
  return rows.map(runViewOf);
}
