import "server-only";
import { z } from "zod";
import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { defineAction } from "../define-action";
import { applyChecks, loadApplyPlan } from "../../queries/instances/load-apply-targets";

export const applyRevisionInput = z.object({
  revisionId: z
    .string()
    .min(1, "give the id of a layout revision (GET /api/v1/layouts/{id}/revisions lists them)")
    .max(64),
});

export interface ApplyResult {
  layoutId: string;
  revisionNumber: number;
  applied: { instanceKey: string; hostName: string; desiredState: "running" }[];
  stopped: string[];
}

/**
 * Apply = record the desired state of every instance of a revision (the reconcile loop that starts
 * containers arrives with the runtime). Checked against every host the change touches.
 */
export const applyRevisionSpec = {
  name: "layout.apply",
  input: applyRevisionInput,
  authorize: async (input: z.infer<typeof applyRevisionInput>) =>
    applyChecks(await loadApplyPlan(db(), input.revisionId)),
  run: async (
    input: z.infer<typeof applyRevisionInput>,
    { actor, tx }: Parameters<Parameters<typeof defineAction>[0]["run"]>[1],
  ) => {
    const plan = await loadApplyPlan(tx, input.revisionId);
    await assertCan(actor, applyChecks(plan)); // hosts may have been relabelled since the first check
    const before = await tx.instance.findMany({
      where: { layoutId: plan.layoutId },
      select: { instanceKey: true, hostId: true, desiredState: true, revisionId: true },
    });
    for (const i of plan.instances) {
      const data = {
        revisionId: plan.revisionId,
        hostId: i.hostId,
        gpuIndices: JSON.stringify(i.gpuIndices),
        spec: i.spec,
        desiredState: "running",
      };
      await tx.instance.upsert({
        where: { layoutId_instanceKey: { layoutId: plan.layoutId, instanceKey: i.instanceKey } },
        create: { layoutId: plan.layoutId, instanceKey: i.instanceKey, ...data },
        update: data,
      });
    }
    for (const r of plan.removed) await tx.instance.update({ where: { id: r.id }, data: { desiredState: "stopped" } });
    const result: ApplyResult = {
      layoutId: plan.layoutId,
      revisionNumber: plan.revisionNumber,
      applied: plan.instances.map((i) => ({
        instanceKey: i.instanceKey,
        hostName: i.hostName,
        desiredState: "running",
      })),
      stopped: plan.removed.map((r) => r.instanceKey),
    };
    return {
      data: result,
      audit: {
        targetType: "layout",
        targetId: plan.layoutId,
        before,
        after: {
          revision: plan.revisionNumber,
          instances: plan.instances.map((i) => ({ instanceKey: i.instanceKey, host: i.hostName, gpus: i.gpuIndices })),
          stopped: result.stopped,
        },
      },
    };
  },
};
