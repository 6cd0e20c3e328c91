import "server-only";
import type { DbClient } from "../db";
import type { Layout } from "../../vocabulary/layout-schema";
import { authorNames } from "./author-names";
import type { RevisionMeta } from "./get-layout";
import { parseRevisionDocument } from "../../layout/revision-document";

export type RevisionResult =
  | {
      ok: true;
      layoutId: string;
      layoutName: string;
      revision: RevisionMeta & { layout: Layout };
      latestNumber: number;
    }
  | { ok: false; error: string };

/** One immutable revision (its permalink): the document and who saved it when. */
export async function getRevision(client: DbClient, layoutId: string, number: number): Promise<RevisionResult> {
  const layout = await client.layout.findUnique({
    where: { id: layoutId },
    include: { revisions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } },
  });
  if (!layout) return { ok: false, error: `There is no layout ${layoutId}; it may have been deleted.` };
  const latestNumber = layout.revisions[0]?.number ?? 0;
  if (!Number.isInteger(number) || number < 1)
    return { ok: false, error: `"${number}" is not a revision number: revisions are numbered 1 to ${latestNumber}.` };
  const row = await client.layoutRevision.findUnique({ where: { layoutId_number: { layoutId, number } } });
  if (!row)
    return {
      ok: false,
      error: `Layout "${layout.name}" has no revision ${number}: its revisions are numbered 1 to ${latestNumber}.`,
    };
  const parsed = parseRevisionDocument(row.document, `revision ${number} of layout "${layout.name}"`);
  if (!parsed.ok) return parsed;
  const names = await authorNames(client, [row.authorId]);
  return {
    ok: true,
    layoutId,
    layoutName: layout.name,
    latestNumber,
    revision: {
      id: row.id,
      number,
      note: row.note,
      createdAt: row.createdAt,
      authorName: row.authorId ? (names.get(row.authorId) ?? null) : null,
      layout: parsed.layout,
    },
  };
}
