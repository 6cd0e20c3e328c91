import "server-only";
import type { DbClient } from "../db";

/** Runs still "running" that no process runs any more (the server restarted mid-test) end as failed. */
export async function failInterruptedLoadTests(client: DbClient, notIds: readonly string[]): Promise<number> {
  const { count } = await client.loadTestRun.updateMany({
    where: { status: "running", id: { notIn: [...notIds] } },
    data: { status: "failed", error: "the server stopped while the test ran", finishedAt: new Date() },
  });
  return count;
}
