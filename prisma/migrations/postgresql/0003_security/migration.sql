-- 0003_security: archived layouts, audit rows that keep their target's name and say whether the change was
-- made or refused, and the old "write" token scope renamed to what it always meant.
ALTER TABLE "layout" ADD COLUMN "archivedAt" TIMESTAMP(3);
CREATE INDEX "layout_archivedAt_idx" ON "layout"("archivedAt");
CREATE INDEX "layout_ownerId_idx" ON "layout"("ownerId");
ALTER TABLE "audit_event" ADD COLUMN "targetLabel" TEXT;
ALTER TABLE "audit_event" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT 'ok';
CREATE INDEX "audit_event_outcome_idx" ON "audit_event"("outcome");
UPDATE "api_token" SET "scopes" = REPLACE("scopes", '"write"', '"instances:operate"') WHERE "scopes" LIKE '%"write"%';
