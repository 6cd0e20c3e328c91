import "server-only";
import type { DbClient } from "../db";
import type { Layout } from "../../vocabulary/layout-schema";
import { parseRevisionDocument } from "../../layout/revision-document";
import { authorNames } from "./author-names";

export interface RevisionMeta {
  id: string;
  number: number;
  note: string;
  authorName: string | null;
  createdAt: Date;
}

export interface SavedLayout {
  id: string;
  name: string;
  latest: RevisionMeta & { layout: Layout };
  revisions: RevisionMeta[];
}

/** A saved layout with its newest revision's document and the list of every revision (newest first); null if absent. */
export async function getLayout(client: DbClient, id: string): Promise<SavedLayout | null> {
  const row = await client.layout.findUnique({
    where: { id },
    include: {
      revisions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, note: true, authorId: true, createdAt: true },
      },
    },
  });
  const head = row?.revisions[0];
  if (!row || !head) return null;
  const latestRow = await client.layoutRevision.findUnique({
    where: { layoutId_number: { layoutId: id, number: head.number } },
  });
  const parsed = parseRevisionDocument(latestRow?.document ?? "", `revision ${head.number} of layout "${row.name}"`);
  if (!parsed.ok) throw new Error(parsed.error);
  const names = await authorNames(
    client,
    row.revisions.map((r) => r.authorId),
  );
  const revisions = row.revisions.map((r) => ({
    id: r.id,
    number: r.number,
    note: r.note,
    createdAt: r.createdAt,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
  }));
  return { id: row.id, name: row.name, latest: { ...revisions[0]!, layout: parsed.layout }, revisions };
}
