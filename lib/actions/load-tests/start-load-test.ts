"use server";

import { insertLoadTestRun } from "../../queries/load-tests/insert-load-test-run";
import { loadTestRegistry } from "../../metrics/load-test/load-test-registry-holder";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { startLoadTestInput } from "./inputs";
import { loadTestTargetOf } from "./load-test-target";

async function instanceOf(instanceId: string) {
  const { inventory } = await (await metricsService()).inventory();
  const instance = inventory.instances.find((i) => i.id === instanceId);
  if (!instance)
    throw new ActionError(`There is no instance with id ${instanceId}: GET /api/v1/instances lists them.`, {
      status: 404,
    });
  return instance;
}

/**
 * "Send test load": real requests to the instance's own endpoint, bounded in time, count and concurrency; live
 * progress in the registry, results stored with the instance and its revision. Operators may load the instances
 * they may start (their host grants), admins any.
 */
export const startLoadTest = defineAction({
  name: "instance.load-test",
  input: startLoadTestInput,
  authorize: async (input) => {
    const instance = await instanceOf(input.instanceId);
    return {
      action: "instance.start",
      resource: { type: "instance", id: instance.id, hostLabels: instance.hostLabels },
    };
  },
  run: async ({ instanceId, replica, label, ...params }, { actor, tx }) => {
    const instance = await instanceOf(instanceId);
    const target = loadTestTargetOf(instance, replica);
    const registry = loadTestRegistry();
    await registry.sweep();
    registry.assertCanStart(instanceId);
    const { id } = await insertLoadTestRun(tx, {
      instanceId,
      revisionId: instance.revisionId,
      replica,
      label,
      target,
      params,
      startedById: actor.userId,
      startedByLabel: actor.label,
    });
    registry.start(id, instanceId, { endpoint: target.endpoint, engine: target.engine, model: target.model }, params);
    return {
      data: { runId: id },
      audit: {
        targetType: "instance",
        targetId: instanceId,
        after: { loadTest: id, replica, label, endpoint: target.endpoint, ...params },
      },
    };
  },
});
