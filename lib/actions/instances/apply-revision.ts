"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { loadApplyTargets } from "../../queries/instances/load-apply-targets";
import { recordAppliedRevision } from "../../queries/instances/record-applied-revision";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { applyChecks } from "./apply-checks";
import { applyRevisionInput } from "./inputs";

export interface ApplyResult {
  layoutId: string;
  revisionNumber: number;
  applied: { instanceKey: string; hostName: string; desiredState: "running" }[];
  stopped: string[];
}

/**
 * Apply = record the desired state of every instance of a revision (the reconcile loop that starts
 * containers arrives with the runtime). Checked against every host the change touches.
 * POST /api/v1/revisions/{revisionId}/apply runs this same action.
 */
export const applyRevision = defineAction({
  name: "layout.apply",
  input: applyRevisionInput,
  authorize: async (input) => applyChecks(await loadApplyTargets(db(), input.revisionId)),
  run: async (input, { actor, tx }) => {
    const targets = await loadApplyTargets(tx, input.revisionId);
    await assertCan(actor, applyChecks(targets)); // hosts may have been relabelled since the first check
    if (targets.archived)
      throw new ActionError(
        `Layout "${targets.layoutName}" is archived: restore it before applying a revision of it.`,
        {
          status: 409,
        },
      );
    const before = await recordAppliedRevision(tx, targets);
    const result: ApplyResult = {
      layoutId: targets.layoutId,
      revisionNumber: targets.revisionNumber,
      applied: targets.instances.map((i) => ({
        instanceKey: i.instanceKey,
        hostName: i.hostName,
        desiredState: "running",
      })),
      stopped: targets.removed.map((r) => r.instanceKey),
    };
    return {
      data: result,
      audit: {
        targetType: "layout",
        targetId: targets.layoutId,
        targetLabel: targets.layoutName,
        before,
        after: {
          revision: targets.revisionNumber,
          instances: targets.instances.map((i) => ({
            instanceKey: i.instanceKey,
            host: i.hostName,
            gpus: i.gpuIndices,
          })),
          stopped: result.stopped,
        },
      },
    };
  },
});
