"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { claimDeploymentVersion } from "../../queries/instances/claim-deployment-version";
import { loadApplyTargets } from "../../queries/instances/load-apply-targets";
import { recordAppliedRevision } from "../../queries/instances/record-applied-revision";
import { ActionError } from "../../server/action-error";
import { nudgeRuntime } from "../../server/runtime-nudge";
import { defineAction } from "../define-action";
import { applyChecks } from "./apply-checks";
import { applyRevisionInput } from "./inputs";
import { listUnreachableHosts } from "../../queries/instances/list-unreachable-hosts";

export interface ApplyResult {
  layoutId: string;
  revisionNumber: number;
  /** The layout's deployment version after this apply (the next plan is made against it). */
  version: number;
  applied: { instanceKey: string; hostName: string; desiredState: "running" }[];
  stopped: string[];
  /** Touched hosts the reconciler cannot reach now: their part is recorded and converges when they are back. */
  waiting: { hostName: string; reason: string }[];
}

/**
 * Apply = record the desired state of every instance of a revision, in one transaction: new instances start,
 * changed ones are replaced, removed ones stop, unchanged ones are left alone (their containers keep running). The
 * reconcile loop does it after the commit; this never waits for containers. Checked against every host the change
 * touches; refused when the plan is stale (expectedVersion). A layout is applied as a whole even when one of its hosts
 * is unreachable: that host's part is recorded, reported in `waiting`, and converges when the host is back (actions
 * on single instances of an unreachable host are refused instead).
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
    const down = await listUnreachableHosts(
      tx,
      targets.touchedHosts.map((h) => h.hostId),
    );
    const version = await claimDeploymentVersion(tx, {
      layoutId: targets.layoutId,
      expectedVersion: input.expectedVersion,
      revision: { id: targets.revisionId, number: targets.revisionNumber },
      actor: { userId: actor.userId, label: actor.label },
      now: new Date(),
    });
    const before = await recordAppliedRevision(tx, targets);
    const result: ApplyResult = {
      layoutId: targets.layoutId,
      revisionNumber: targets.revisionNumber,
      version,
      applied: targets.instances.map((i) => ({
        instanceKey: i.instanceKey,
        hostName: i.hostName,
        desiredState: "running",
      })),
      stopped: targets.removed.map((r) => r.instanceKey),
      waiting: targets.touchedHosts
        .filter((h) => down.has(h.hostId))
        .map((h) => ({ hostName: h.hostName, reason: down.get(h.hostId)! })),
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
          version,
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
  afterCommit: nudgeRuntime,
});
