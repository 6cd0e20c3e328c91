-- 0002_auth_audit: the audit log is append-only in the database itself, and searchable by target.
CREATE TRIGGER "audit_event_no_update" BEFORE UPDATE ON "audit_event"
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only: rows cannot be changed');
END;
CREATE TRIGGER "audit_event_no_delete" BEFORE DELETE ON "audit_event"
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only: rows cannot be deleted');
END;
CREATE INDEX "audit_event_targetType_targetId_idx" ON "audit_event"("targetType", "targetId");
CREATE INDEX "api_token_prefix_idx" ON "api_token"("prefix");
