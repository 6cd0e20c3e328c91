"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { portsInUse, takePort } from "../../queries/instances/host-ports";
import { loadScaleContext } from "../../queries/instances/load-scale-context";
import { setReplicas } from "../../queries/instances/set-replicas";
import { ActionError } from "../../server/action-error";
import { nudgeRuntime } from "../../server/runtime-nudge";
import type { Check } from "../../vocabulary/access";
import { instanceSchema, layoutSchema } from "../../vocabulary/layout-schema";
import { defineAction } from "../define-action";
import { existingInstance } from "./existing-instance";
import { scaleInstanceInput } from "./inputs";
import { instanceChecks } from "./instance-checks";
import { placeReplicas } from "./place-replicas";
import { refuseUnreachable } from "./refuse-unreachable";

export interface ScaleResult {
  id: string;
  instanceKey: string;
  replicas: number;
  added: { replica: number; hostName: string; gpuIndices: number[]; hostPort: number }[];
  removed: number[];
}

const parsed = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  json: string,
) => {
  const result = schema.safeParse(JSON.parse(json));
  if (!result.success)
    throw new ActionError("The applied layout cannot be read: apply the layout again.", { status: 422 });
  return result.data;
};

/**
 * Scale = N copies of the instance's spec: new replicas go on free GPUs of the layout's hosts (lib/layout placement),
 * refused with placement's reason when they don't fit; replicas past N are removed. Every host touched needs the
 * caller's grant. POST /api/v1/instances/{instanceId}/scale runs this same action.
 */
export const scaleInstance = defineAction({
  name: "instance.scale",
  input: scaleInstanceInput,
  authorize: async (input) => instanceChecks("instance.scale", await existingInstance(db(), input.instanceId)),
  run: async (input, { actor, tx }) => {
    const instance = await existingInstance(tx, input.instanceId);
    if (instance.desiredState !== "running")
      throw new ActionError(`${instance.instanceKey} is stopped: start it before scaling it.`, { status: 409 });
    const current = instance.replicas.length;
    const result: ScaleResult = {
      id: instance.id,
      instanceKey: instance.instanceKey,
      replicas: input.replicas,
      added: [],
      removed: [],
    };
    const removed = instance.replicas.filter((r) => r.replica >= input.replicas);
    result.removed = removed.map((r) => r.replica);
    const added: { replica: number; hostId: string; gpuIndices: number[]; hostPort: number }[] = [];
    if (input.replicas > current) {
      const ctx = await loadScaleContext(tx, instance.revisionId);
      if (!ctx)
        throw new ActionError("The revision this instance was applied from is gone: apply the layout again.", {
          status: 409,
        });
      const spec = parsed(instanceSchema, instance.spec);
      const placement = placeReplicas({
        instance: spec,
        count: input.replicas - current,
        firstReplica: current,
        document: parsed(layoutSchema, ctx.document),
        registeredHosts: ctx.registeredHosts,
        claims: ctx.claims.map((c) => ({
          hostId: c.hostId,
          gpuIndices: c.gpuIndices,
          instance: parsed(instanceSchema, c.spec),
        })),
      });
      if (!placement.ok)
        throw new ActionError(`Cannot scale ${instance.instanceKey} to ${input.replicas}: ${placement.reason}.`, {
          status: 409,
        });
      const names = new Map(ctx.registeredHosts.map((h) => [h.id, h]));
      await assertCan(
        actor,
        [...new Set(placement.placements.map((p) => p.hostId))].map(
          (id): Check => ({
            action: "instance.scale",
            resource: { type: "host", id, labels: JSON.parse(names.get(id)!.labels) },
          }),
        ),
      );
      for (const p of placement.placements) {
        const port = takePort(await portsInUse(tx, p.hostId), (spec.port ?? 8000) + p.replica);
        added.push({ ...p, hostPort: port });
        result.added.push({
          replica: p.replica,
          hostName: names.get(p.hostId)!.name,
          gpuIndices: p.gpuIndices,
          hostPort: port,
        });
      }
    }
    const touched = [
      ...removed.flatMap((r) => (r.hostId ? [{ id: r.hostId, name: r.hostName }] : [])),
      ...result.added.map((a, i) => ({ id: added[i]!.hostId, name: a.hostName })),
    ];
    await refuseUnreachable(tx, touched, `the replicas of ${instance.instanceKey}`);
    await setReplicas(tx, instance.id, input.replicas, added);
    return {
      data: result,
      audit: {
        targetType: "instance",
        targetId: instance.id,
        before: { replicas: current },
        after: {
          replicas: input.replicas,
          instanceKey: instance.instanceKey,
          added: result.added,
          removed: result.removed,
        },
      },
    };
  },
  afterCommit: nudgeRuntime,
});
