import "server-only";
import type { LoadTestParams } from "../../metrics/load-test/load-test-params";
import type { LoadTestTarget } from "../../metrics/load-test/load-test-run-view";
import type { DbClient } from "../db";

/** Records a load test as it starts (status running). */
export async function insertLoadTestRun(
  client: DbClient,
  run: {
    instanceId: string;
    revisionId: string;
    replica: number;
    label: string;
    target: LoadTestTarget;
    params: LoadTestParams;
    startedById: string;
    startedByLabel: string;
  },
): Promise<{ id: string }> {
  return client.loadTestRun.create({
    data: { ...run, target: JSON.stringify(run.target), params: JSON.stringify(run.params) },
    select: { id: true },
  });
}
