import "server-only";
import { db } from "../../queries/db";
import { findInstance } from "../../queries/instances/find-instance";
import { setDesiredState } from "../../queries/instances/set-desired-state";
import { ActionError } from "../../server/action-error";
import type { DbClient } from "../../queries/db";
import type { ActionSpec } from "../types";
import { instanceIdInput } from "./inputs";

type DesiredState = "running" | "stopped";

async function existingInstance(client: DbClient, instanceId: string) {
  const instance = await findInstance(client, instanceId);
  if (!instance)
    throw new ActionError(`Instance ${instanceId} does not exist: list instances with GET /api/v1/instances.`, {
      status: 404,
    });
  return instance;
}

/** Start or stop one instance = set its desired state (the runtime's reconcile loop acts on it). */
export function desiredStateSpec(state: DesiredState) {
  const action = state === "running" ? "instance.start" : "instance.stop";
  return {
    name: action,
    input: instanceIdInput,
    authorize: async (input) => {
      const { id, hostLabels } = await existingInstance(db(), input.instanceId);
      return { action, resource: { type: "instance", id, hostLabels } };
    },
    run: async (input, { tx }) => {
      const before = await existingInstance(tx, input.instanceId);
      const updated = await setDesiredState(tx, before.id, state);
      return {
        data: { ...updated, desiredState: state },
        audit: {
          targetType: "instance",
          targetId: before.id,
          targetLabel: before.instanceKey,
          before: { desiredState: before.desiredState },
          after: { desiredState: state, instanceKey: before.instanceKey },
        },
      };
    },
  } satisfies ActionSpec<typeof instanceIdInput, { id: string; instanceKey: string; desiredState: DesiredState }>;
}
