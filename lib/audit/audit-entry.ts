/** What an action records about its change: the target, and its state before and after (secret keys are redacted). */
export interface AuditEntry {
  targetType: string;
  targetId?: string;
  /** The target's name as people know it (a username, a layout's name), kept even after a rename or delete. */
  targetLabel?: string;
  before?: unknown;
  after?: unknown;
  /** "ok" (default) = the change was made; "refused" = not allowed (401/403); "invalid" = the input was refused (422). */
  outcome?: "ok" | "refused" | "invalid";
}
