import "server-only";
import type { AuditEntry } from "../../audit/audit-entry";
import { redact } from "../../audit/redact";
import type { Actor } from "../../vocabulary/access";
import type { DbClient } from "../db";

/** Who an audit row names: a signed-in person, a token, or a local tool ("local CLI"); null = anonymous. */
export type AuditActor = Pick<Actor, "label"> & { userId?: string | null; ip?: string | null };

/** Appends one audit row through the caller's transaction client: it commits or rolls back with the change. */
export async function writeAudit(
  client: DbClient,
  actor: AuditActor | null,
  action: string,
  entry: AuditEntry,
  ipFallback: string | null = null,
): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorLabel: actor?.label ?? "anonymous",
      ip: actor?.ip ?? ipFallback,
      action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetLabel: entry.targetLabel?.slice(0, 200) ?? null,
      outcome: entry.outcome ?? "ok",
      before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    },
  });
}
