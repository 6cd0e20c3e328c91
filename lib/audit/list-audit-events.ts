import "server-only";
import { db } from "../db";

export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
}

export async function listAuditEvents(limit = 100): Promise<AuditRow[]> {
  return db().auditEvent.findMany({
    orderBy: { at: "desc" },
    take: limit,
    select: { id: true, at: true, actorLabel: true, ip: true, action: true, targetType: true, targetId: true },
  });
}
