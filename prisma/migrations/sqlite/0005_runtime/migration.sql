-- 0005_runtime: what the reconcile loop needs. Replicas (placement, observed state, back-off) with their state
-- history, the applied revision of each layout with an optimistic version, and the one-runner lease.
ALTER TABLE "instance" ADD COLUMN "replicaCount" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "instance" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "instance_replica" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "replica" INTEGER NOT NULL,
    "hostId" TEXT,
    "gpuIndices" TEXT NOT NULL DEFAULT '[]',
    "hostPort" INTEGER,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "detail" TEXT,
    "exitCode" INTEGER,
    "logTail" TEXT,
    "containerId" TEXT,
    "endpoint" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "stateSince" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "observedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "instance_replica_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "instance_replica_instanceId_replica_key" ON "instance_replica"("instanceId", "replica");

CREATE TABLE "replica_event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "replica" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "exitCode" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replica_event_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "replica_event_instanceId_at_idx" ON "replica_event"("instanceId", "at");

CREATE TABLE "layout_deployment" (
    "layoutId" TEXT NOT NULL PRIMARY KEY,
    "revisionId" TEXT,
    "revisionNumber" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "appliedById" TEXT,
    "appliedByLabel" TEXT,
    "appliedAt" DATETIME,
    CONSTRAINT "layout_deployment_layoutId_fkey" FOREIGN KEY ("layoutId") REFERENCES "layout" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "runtime_lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
