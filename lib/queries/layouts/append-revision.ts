import "server-only";
import type { Layout } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";

/** Appends revision `number` to a saved layout and renames the layout after the document. */
export async function appendRevision(
  client: DbClient,
  revision: { layoutId: string; number: number; document: Layout; note: string; authorId: string },
): Promise<void> {
  const { layoutId, number, document, note, authorId } = revision;
  await client.layoutRevision.create({
    data: { layoutId, number, document: JSON.stringify(document), note, authorId },
  });
  await client.layout.update({ where: { id: layoutId }, data: { name: document.name } });
}
