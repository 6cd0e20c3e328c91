import "server-only";
import type { DbClient } from "../db";

/** Whether a saved layout with this id exists (archived ones included). */
export async function layoutExists(client: DbClient, layoutId: string): Promise<boolean> {
  return (await client.layout.count({ where: { id: layoutId } })) > 0;
}
