-- 0002_auth_audit: the audit log is append-only in the database itself, and searchable by target.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: rows cannot be changed or deleted';
END;
$$;
CREATE TRIGGER "audit_event_no_update" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE INDEX "audit_event_targetType_targetId_idx" ON "audit_event"("targetType", "targetId");
CREATE INDEX "api_token_prefix_idx" ON "api_token"("prefix");
