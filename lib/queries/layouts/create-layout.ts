import "server-only";
import type { Layout } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";

/** A new saved layout with its first revision (number 1). */
export async function createLayout(
  client: DbClient,
  input: { document: Layout; note: string; ownerId: string },
): Promise<{ id: string; name: string }> {
  const layout = await client.layout.create({
    data: {
      name: input.document.name,
      ownerId: input.ownerId,
      revisions: {
        create: { number: 1, document: JSON.stringify(input.document), note: input.note, authorId: input.ownerId },
      },
    },
  });
  return { id: layout.id, name: layout.name };
}
