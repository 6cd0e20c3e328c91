import "server-only";
import { ActionError } from "../../server/action-error";
import type { DbClient } from "../db";
import { findLayoutDeployment, type LayoutDeployment } from "./find-layout-deployment";

export interface DeploymentClaim {
  layoutId: string;
  /** The version the caller's plan was made against; unset: whatever is current (the check still guards races). */
  expectedVersion?: number;
  revision?: { id: string; number: number };
  actor: { userId: string; label: string };
  now: Date;
}

function conflict(current: LayoutDeployment): ActionError {
  const when = current.appliedAt ? current.appliedAt.toISOString().replace("T", " ").slice(0, 19) : "an unknown time";
  const what = current.revisionNumber !== null ? `revision ${current.revisionNumber}` : "a change";
  return new ActionError(
    `${what} was applied by ${current.appliedByLabel ?? "someone"} at ${when} UTC (version ${current.version}); review the plan again.`,
    { status: 409 },
  );
}

/**
 * The optimistic lock on a layout's desired state: moves the version from what the caller saw to the next one, in
 * the caller's transaction. A caller whose plan is stale, or who loses a race with a concurrent apply, gets a
 * conflict naming who applied what and when; its transaction rolls back, so nothing is half-applied.
 */
export async function claimDeploymentVersion(client: DbClient, claim: DeploymentClaim): Promise<number> {
  const current = await findLayoutDeployment(client, claim.layoutId);
  if (claim.expectedVersion !== undefined && claim.expectedVersion !== current.version) throw conflict(current);
  const next = current.version + 1;
  const data = {
    version: next,
    appliedById: claim.actor.userId,
    appliedByLabel: claim.actor.label,
    appliedAt: claim.now,
    ...(claim.revision && { revisionId: claim.revision.id, revisionNumber: claim.revision.number }),
  };
  if (current.version === 0 && current.appliedAt === null) {
    try {
      await client.layoutDeployment.create({ data: { layoutId: claim.layoutId, ...data } });
      return next;
    } catch {
      throw conflict(await findLayoutDeployment(client, claim.layoutId));
    }
  }
  const { count } = await client.layoutDeployment.updateMany({
    where: { layoutId: claim.layoutId, version: current.version },
    data,
  });
  if (count !== 1) throw conflict(await findLayoutDeployment(client, claim.layoutId));
  return next;
}
