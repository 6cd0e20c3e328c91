import "server-only";
import type { DbClient } from "../db";

export interface RevisionRecord {
  id: string;
  layoutId: string;
  layoutName: string;
  /** Whether the revision's layout is archived (it cannot be applied then). */
  layoutArchived: boolean;
  number: number;
  note: string;
  authorId: string | null;
  createdAt: Date;
  document: string;
}

/** One revision by its id, with its layout's name and whether it is archived; null when there is none. */
export async function findRevision(client: DbClient, revisionId: string): Promise<RevisionRecord | null> {
  const row = await client.layoutRevision.findUnique({ where: { id: revisionId }, include: { layout: true } });
  if (!row) return null;
  return {
    id: row.id,
    layoutId: row.layoutId,
    layoutName: row.layout.name,
    layoutArchived: row.layout.archivedAt !== null,
    number: row.number,
    note: row.note,
    authorId: row.authorId,
    createdAt: row.createdAt,
    document: row.document,
  };
}
