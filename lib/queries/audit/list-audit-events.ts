import "server-only";
import { authorize } from "../../auth/authorize";
import { db } from "../db";
import { auditWhere, type AuditFilter } from "../../audit/audit-filter";

export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
}

export async function listAuditEvents(filter: Partial<AuditFilter> = {}): Promise<AuditRow[]> {
  await authorize("audit.read", { type: "global" });
  return db().auditEvent.findMany({
    where: auditWhere({ limit: 200, ...filter }),
    orderBy: { at: "desc" },
    take: filter.limit ?? 200,
    select: {
      id: true,
      at: true,
      actorLabel: true,
      ip: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
    },
  });
}

/** The distinct action names, for the filter's drop-down. */
export async function listAuditActions(): Promise<string[]> {
  await authorize("audit.read", { type: "global" });
  const rows = await db().auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}
