import "server-only";
import type { DbClient } from "../db";

export interface LayoutDeployment {
  layoutId: string;
  revisionId: string | null;
  revisionNumber: number | null;
  /** Bumped by every apply, scale and stop of the layout: the optimistic version a plan is made against. */
  version: number;
  appliedByLabel: string | null;
  appliedAt: Date | null;
}

/** What is applied to a layout now (version 0, nothing applied, when it never was). */
export async function findLayoutDeployment(client: DbClient, layoutId: string): Promise<LayoutDeployment> {
  const row = await client.layoutDeployment.findUnique({ where: { layoutId } });
  return {
    layoutId,
    revisionId: row?.revisionId ?? null,
    revisionNumber: row?.revisionNumber ?? null,
    version: row?.version ?? 0,
    appliedByLabel: row?.appliedByLabel ?? null,
    appliedAt: row?.appliedAt ?? null,
  };
}
