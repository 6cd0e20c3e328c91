import "server-only";
import type { DbClient } from "../db";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";

export interface RevisionRow {
  id: string;
  number: number;
  note: string;
  authorId: string | null;
  createdAt: Date;
}

/** A layout's revisions, newest first (a page of them when `page` is given). */
export async function listRevisions(
  client: DbClient,
  layoutId: string,
  page?: PageRequest,
): Promise<PageOf<RevisionRow>> {
  const rows = await client.layoutRevision.findMany({
    where: { layoutId },
    orderBy: { number: "desc" },
    ...pageArgs(page),
    select: { id: true, number: true, note: true, authorId: true, createdAt: true },
  });
  return pageOf(rows, page);
}
