import "server-only";
import type { DbClient } from "../db";

/** The distinct action names, for the Audit page's filter drop-down. */
export async function listAuditActions(client: DbClient): Promise<string[]> {
  const rows = await client.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}
