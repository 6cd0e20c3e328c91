import "server-only";
import type { DbClient } from "../db";

/** Archives a layout (now) or restores it (null); its revisions are untouched. */
export async function setLayoutArchived(client: DbClient, layoutId: string, archivedAt: Date | null): Promise<void> {
  await client.layout.update({ where: { id: layoutId }, data: { archivedAt } });
}
