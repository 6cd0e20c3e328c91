import "server-only";
import type { DbClient } from "../db";

export async function loadTestRunExists(client: DbClient, id: string): Promise<boolean> {
  return (await client.loadTestRun.count({ where: { id } })) > 0;
}
