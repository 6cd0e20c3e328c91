-- 0007_load_tests: test load sent to an instance from the Metrics page, with what it measured, kept per instance
-- and revision so runs compare side by side.
CREATE TABLE "load_test_run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "replica" INTEGER NOT NULL DEFAULT 0,
    "label" TEXT NOT NULL DEFAULT '',
    "target" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "results" TEXT,
    "error" TEXT,
    "startedById" TEXT,
    "startedByLabel" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "load_test_run_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "load_test_run_instanceId_startedAt_idx" ON "load_test_run"("instanceId", "startedAt");
CREATE INDEX "load_test_run_startedAt_idx" ON "load_test_run"("startedAt");
