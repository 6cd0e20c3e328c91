import "server-only";
import { authorize } from "../../auth/authorize";
import { db } from "../db";
import type { Layout } from "../../vocabulary/layout-schema";
import { parseRevisionDocument } from "../../layout/revision-document";

export interface RevisionMeta {
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

export async function authorNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db().user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, username: true },
  });
  return new Map(users.map((u) => [u.id, u.username ?? u.name]));
}

/** A saved layout with its newest revision's document and the list of every revision (newest first); null if absent. */
export async function getLayout(id: string): Promise<SavedLayout | null> {
  await authorize("layout.read", { type: "layout", id });
  const row = await db().layout.findUnique({
    where: { id },
    include: {
      revisions: { orderBy: { number: "desc" }, select: { number: true, note: true, authorId: true, createdAt: true } },
    },
  });
  const head = row?.revisions[0];
  if (!row || !head) return null;
  const latestRow = await db().layoutRevision.findUnique({
    where: { layoutId_number: { layoutId: id, number: head.number } },
  });
  const parsed = parseRevisionDocument(latestRow?.document ?? "", `revision ${head.number} of layout "${row.name}"`);
  if (!parsed.ok) throw new Error(parsed.error);
  const names = await authorNames(row.revisions.map((r) => r.authorId));
  const revisions = row.revisions.map((r) => ({
    number: r.number,
    note: r.note,
    createdAt: r.createdAt,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
  }));
  return { id: row.id, name: row.name, latest: { ...revisions[0]!, layout: parsed.layout }, revisions };
}
