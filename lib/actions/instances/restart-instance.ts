"use server";

import { db } from "../../queries/db";
import { bumpInstanceGeneration } from "../../queries/instances/bump-instance-generation";
import { ActionError } from "../../server/action-error";
import { nudgeRuntime } from "../../server/runtime-nudge";
import { defineAction } from "../define-action";
import { existingInstance } from "./existing-instance";
import { instanceIdInput } from "./inputs";
import { instanceChecks } from "./instance-checks";
import { refuseUnreachable } from "./refuse-unreachable";

/**
 * Restart = every replica gets a fresh container (a new generation changes the spec hash; the reconciler replaces
 * them). POST /api/v1/instances/{instanceId}/restart runs this same action.
 */
export const restartInstance = defineAction({
  name: "instance.restart",
  input: instanceIdInput,
  authorize: async (input) => instanceChecks("instance.restart", await existingInstance(db(), input.instanceId)),
  run: async (input, { tx }) => {
    const instance = await existingInstance(tx, input.instanceId);
    if (instance.desiredState !== "running")
      throw new ActionError(`${instance.instanceKey} is stopped: start it instead of restarting it.`, { status: 409 });
    await refuseUnreachable(
      tx,
      instance.replicas.flatMap((r) => (r.hostId ? [{ id: r.hostId, name: r.hostName }] : [])),
      `${instance.instanceKey}`,
    );
    const generation = await bumpInstanceGeneration(tx, instance.id);
    return {
      data: { id: instance.id, instanceKey: instance.instanceKey, generation, replicas: instance.replicas.length },
      audit: {
        targetType: "instance",
        targetId: instance.id,
        before: { generation: generation - 1 },
        after: { generation, instanceKey: instance.instanceKey },
      },
    };
  },
  afterCommit: nudgeRuntime,
});
