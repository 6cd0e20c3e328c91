/** What an action records about its change: the target, and its state before and after (secret keys are redacted). */
export interface AuditEntry {
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}
