import "server-only";
import { z } from "zod";
import { db } from "../../queries/db";
import { ActionError } from "../../server/action-error";
import type { ActionContext, Check } from "../types";

export const instanceIdInput = z.object({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
});
type Input = z.infer<typeof instanceIdInput>;
const labelsSchema = z.record(z.string(), z.string()).catch({});

async function instanceResource(client: ActionContext["tx"], instanceId: string) {
  const row = await client.instance.findUnique({ where: { id: instanceId }, include: { host: true } });
  if (!row)
    throw new ActionError(`Instance ${instanceId} does not exist: list instances with GET /api/v1/instances.`, {
      status: 404,
    });
  return { row, hostLabels: row.host ? labelsSchema.parse(JSON.parse(row.host.labels)) : {} };
}

/** Start or stop one instance = set its desired state (the runtime's reconcile loop acts on it). */
export function desiredStateSpec(state: "running" | "stopped") {
  const action = state === "running" ? "instance.start" : "instance.stop";
  return {
    name: action,
    input: instanceIdInput,
    authorize: async (input: Input): Promise<Check> => {
      const { row, hostLabels } = await instanceResource(db(), input.instanceId);
      return { action, resource: { type: "instance", id: row.id, hostLabels } };
    },
    run: async (input: Input, { tx }: ActionContext) => {
      const { row } = await instanceResource(tx, input.instanceId);
      const updated = await tx.instance.update({ where: { id: row.id }, data: { desiredState: state } });
      return {
        data: { id: updated.id, instanceKey: updated.instanceKey, desiredState: state },
        audit: {
          targetType: "instance",
          targetId: row.id,
          before: { desiredState: row.desiredState },
          after: { desiredState: state, instanceKey: row.instanceKey },
        },
      };
    },
  };
}
