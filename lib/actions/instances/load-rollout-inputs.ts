"use server";

import { parseRevisionDocument } from "../../layout/revision-document";
import type { RunningInstance } from "../../layout/rollout";
import { db } from "../../queries/db";
import { findLayoutDeployment } from "../../queries/instances/find-layout-deployment";
import { listRunningInstances } from "../../queries/instances/list-running-instances";
import { findRevision } from "../../queries/layouts/find-revision";
import { ActionError } from "../../server/action-error";
import type { Layout } from "../../vocabulary/layout-schema";
import { defineAction } from "../define-action";
import { revisionIdInput } from "./inputs";

/** What planRollout needs to plan applying one revision, and the version that plan is made against. */
export interface RolloutInputs {
  revisionId: string;
  revisionNumber: number;
  layoutId: string;
  layoutName: string;
  /** An archived layout cannot be applied (the apply action refuses it). */
  archived: boolean;
  /** The revision's document: the desired side of the plan. */
  layout: Layout;
  /** What runs for the layout now: the other side of the plan. */
  running: RunningInstance[];
  /** The layout's deployment version when `running` was read: send it as expectedVersion when applying this plan. */
  deploymentVersion: number;
  /** What is applied now, and by whom (null when the layout was never applied). */
  applied: { revisionNumber: number | null; by: string | null; at: string } | null;
}

/**
 * Reads, for one chosen revision, what its apply plan needs: the revision's layout, the layout's running instances and
 * its deployment version, in one transaction (the same reads as the layout page's designer). A read: every role that
 * may read layouts may call it; nothing is audited. The plan itself is computed where it is shown (planRollout).
 */
export const loadRolloutInputs = defineAction({
  name: "layout.rollout-inputs",
  input: revisionIdInput,
  readOnly: true,
  authorize: async (input) => {
    const revision = await findRevision(db(), input.revisionId);
    return {
      action: "layout.read",
      resource: revision ? { type: "layout", id: revision.layoutId } : { type: "layout" },
    };
  },
  run: async (input, { tx }) => {
    const revision = await findRevision(tx, input.revisionId);
    if (!revision)
      throw new ActionError(
        `revisionId: got "${input.revisionId}", which is no layout revision (it may have been deleted): reload the page and pick one from the list.`,
        { status: 404, fieldErrors: { revisionId: ["no such layout revision"] } },
      );
    const parsed = parseRevisionDocument(revision.document, `revision ${revision.number} of "${revision.layoutName}"`);
    if (!parsed.ok)
      throw new ActionError(`${parsed.error} Open it in the designer and save a new revision.`, { status: 422 });
    // The version first: an apply landing between the two reads then makes this plan stale (refused), never wrong.
    const deployment = await findLayoutDeployment(tx, revision.layoutId);
    const running = await listRunningInstances(tx, revision.layoutId);
    return {
      data: {
        revisionId: revision.id,
        revisionNumber: revision.number,
        layoutId: revision.layoutId,
        layoutName: revision.layoutName,
        archived: revision.layoutArchived,
        layout: parsed.layout,
        running,
        deploymentVersion: deployment.version,
        applied: deployment.appliedAt
          ? {
              revisionNumber: deployment.revisionNumber,
              by: deployment.appliedByLabel,
              at: deployment.appliedAt.toISOString(),
            }
          : null,
      } satisfies RolloutInputs,
    };
  },
});
