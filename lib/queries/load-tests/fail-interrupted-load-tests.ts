import "server-only";
import type { DbClient } from "../db";

/**
 * Runs still "running" that started before `startedBefore` end as failed: no test runs that long (the load test
 * bounds), so its server stopped mid-test. Safe with several server processes on one database.
 */
export async function failInterruptedLoadTests(client: DbClient, startedBefore: Date): Promise<number> {
  const { count } = await client.loadTestRun.updateMany({
    where: { status: "running", startedAt: { lt: startedBefore } },
    data: { status: "failed", error: "the server stopped while the test ran", finishedAt: new Date() },
  });
  return count;
}
