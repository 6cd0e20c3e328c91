import "server-only";
import { db } from "../../queries/db";
import { setDesiredState } from "../../queries/instances/set-desired-state";
import { nudgeRuntime } from "../../server/runtime-nudge";
import type { ActionSpec } from "../types";
import { existingInstance } from "./existing-instance";
import { instanceIdInput } from "./inputs";
import { instanceChecks } from "./instance-checks";
import { refuseUnreachable } from "./refuse-unreachable";

type DesiredState = "running" | "stopped";

const hostsOf = (instance: Awaited<ReturnType<typeof existingInstance>>) =>
  instance.replicas.flatMap((r) => (r.hostId ? [{ id: r.hostId, name: r.hostName }] : []));

/** Start or stop one instance = set its desired state; the reconcile loop, nudged after the commit, acts on it. */
export function desiredStateSpec(state: DesiredState) {
  const action = state === "running" ? "instance.start" : "instance.stop";
  return {
    name: action,
    input: instanceIdInput,
    authorize: async (input) => instanceChecks(action, await existingInstance(db(), input.instanceId)),
    run: async (input, { tx }) => {
      const before = await existingInstance(tx, input.instanceId);
      await refuseUnreachable(tx, hostsOf(before), `${before.instanceKey}'s desired state`);
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
    afterCommit: nudgeRuntime,
  } satisfies ActionSpec<typeof instanceIdInput, { id: string; instanceKey: string; desiredState: DesiredState }>;
}
