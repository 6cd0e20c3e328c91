-- 0005_runtime: what the reconcile loop needs. Replicas (placement, observed state, back-off) with their state
-- history, the applied revision of each layout with an optimistic version, and the one-runner lease.
ALTER TABLE "instance" ADD COLUMN "replicaCount" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "instance" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "instance_replica" (
    "id" TEXT NOT NULL,
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
    "retryAt" TIMESTAMP(3),
    "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "observedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "instance_replica_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "instance_replica_instanceId_replica_key" ON "instance_replica"("instanceId", "replica");
ALTER TABLE "instance_replica" ADD CONSTRAINT "instance_replica_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "replica_event" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "replica" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "exitCode" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replica_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "replica_event_instanceId_at_idx" ON "replica_event"("instanceId", "at");
ALTER TABLE "replica_event" ADD CONSTRAINT "replica_event_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "layout_deployment" (
    "layoutId" TEXT NOT NULL,
    "revisionId" TEXT,
    "revisionNumber" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "appliedById" TEXT,
    "appliedByLabel" TEXT,
    "appliedAt" TIMESTAMP(3),
    CONSTRAINT "layout_deployment_pkey" PRIMARY KEY ("layoutId")
);
ALTER TABLE "layout_deployment" ADD CONSTRAINT "layout_deployment_layoutId_fkey" FOREIGN KEY ("layoutId") REFERENCES "layout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "runtime_lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "runtime_lease_pkey" PRIMARY KEY ("name")
);
