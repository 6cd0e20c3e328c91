import "server-only";
import type { DbClient } from "../db";

export interface RevisionRow {
  id: string;
  number: number;
  note: string;
  createdAt: Date;
}

/** A layout's revisions, newest first. */
export function listRevisions(client: DbClient, layoutId: string): Promise<RevisionRow[]> {
  return client.layoutRevision.findMany({
    where: { layoutId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, note: true, createdAt: true },
  });
}
