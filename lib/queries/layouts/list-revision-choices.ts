import "server-only";
import type { DbClient } from "../db";

export interface RevisionChoice {
  id: string;
  label: string;
}

/** Every layout revision, newest first, for the "Apply a revision" picker. */
export async function listRevisionChoices(client: DbClient): Promise<RevisionChoice[]> {
  const rows = await client.layoutRevision.findMany({
    orderBy: [{ layout: { name: "asc" } }, { number: "desc" }],
    include: { layout: { select: { name: true } } },
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id,
    label: `${r.layout.name} — revision ${r.number}${r.note ? ` (${r.note})` : ""}`,
  }));
}
