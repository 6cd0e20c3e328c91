import "server-only";
import type { DbClient } from "../db";

/** The host selectors granted to a user ("*" or key=value pairs). */
export async function listGrantSelectors(client: DbClient, userId: string): Promise<string[]> {
  const rows = await client.hostGrant.findMany({ where: { userId }, select: { selector: true } });
  return rows.map((r) => r.selector);
}
