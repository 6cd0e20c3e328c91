import "server-only";
import { type AuditFilter, auditWhere } from "../../audit/audit-filter";
import type { DbClient } from "../db";

export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  actorId: string | null;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  outcome: string;
  before: string | null;
  after: string | null;
}

/** The audit events a filter matches, newest first (the Audit page and its CSV export). */
export function listAuditEvents(client: DbClient, filter: Partial<AuditFilter> = {}): Promise<AuditRow[]> {
  return client.auditEvent.findMany({
    where: auditWhere({ limit: 200, ...filter }),
    orderBy: { at: "desc" },
    take: filter.limit ?? 200,
    select: {
      id: true,
      at: true,
      actorLabel: true,
      actorId: true,
      ip: true,
      action: true,
      targetType: true,
      targetId: true,
      targetLabel: true,
      outcome: true,
      before: true,
      after: true,
    },
  });
}
