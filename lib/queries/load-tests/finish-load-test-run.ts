import "server-only";
import type { LoadTestResult } from "../../metrics/load-test/load-test-result";
import type { DbClient } from "../db";

/** Records how a load test ended: its results, or why it failed. */
export async function finishLoadTestRun(
  client: DbClient,
  id: string,
  outcome: { status: "finished" | "failed" | "cancelled"; results: LoadTestResult | null; error: string | null },
): Promise<void> {
  await client.loadTestRun.updateMany({
    where: { id, status: "running" },
    data: {
      status: outcome.status,
      results: outcome.results ? JSON.stringify(outcome.results) : null,
      error: outcome.error,
      finishedAt: new Date(),
    },
  });
}
