import type { Actor, ActionContext, AuditEntry } from "../../actions/types";
import { redact } from "../../audit/redact";

/** Appends one audit row through the action's transaction client: it commits or rolls back with the change. */
export async function writeAudit(
  tx: ActionContext["tx"],
  actor: Actor | null,
  action: string,
  entry: AuditEntry,
  ipFallback: string | null = null,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorLabel: actor?.label ?? "anonymous",
      ip: actor?.ip ?? ipFallback,
      action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    },
  });
}
