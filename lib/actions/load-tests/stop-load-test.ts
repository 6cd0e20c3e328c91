"use server";

import { listLoadTestRuns } from "../../queries/load-tests/list-load-test-runs";
import { db } from "../../queries/db";
import { loadTestRegistry } from "../../metrics/load-test/load-test-registry-holder";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { stopLoadTestInput } from "./inputs";

/** Stops a running load test; it is stored as cancelled with what it measured so far. */
export const stopLoadTest = defineAction({
  name: "instance.load-test-stop",
  input: stopLoadTestInput,
  authorize: async ({ runId }) => {
    const [run] = await listLoadTestRuns(db(), { ids: [runId] });
    if (!run) throw new ActionError(`There is no load test run ${runId}.`, { status: 404 });
    const { inventory } = await (await metricsService()).inventory();
    const instance = inventory.instances.find((i) => i.id === run.instanceId);
    return {
      action: "instance.start",
      resource: { type: "instance", id: run.instanceId, hostLabels: instance?.hostLabels ?? {} },
    };
  },
  run: async ({ runId }) => {
    if (!loadTestRegistry().cancel(runId))
      throw new ActionError("This load test is not running (it ended, or another server process runs it).", {
        status: 409,
      });
    return { data: { runId }, audit: { targetType: "load-test", targetId: runId, after: { status: "cancelled" } } };
  },
});
