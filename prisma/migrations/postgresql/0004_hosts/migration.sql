-- 0004_hosts: registered Docker hosts for real (issue 12): kind, credentials as encrypted secrets, simulated and
-- declared GPUs, the last GPU discovery, health, and the engine facts of the last Test connection.
ALTER TABLE "host" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'docker';
ALTER TABLE "host" ADD COLUMN "sshHostKeySha256" TEXT;
ALTER TABLE "host" ADD COLUMN "simGpuId" TEXT;
ALTER TABLE "host" ADD COLUMN "simGpuCount" INTEGER;
ALTER TABLE "host" ADD COLUMN "declaredGpuId" TEXT;
ALTER TABLE "host" ADD COLUMN "declaredGpuCount" INTEGER;
ALTER TABLE "host" ADD COLUMN "declaredGpuMemoryBytes" BIGINT;
ALTER TABLE "host" ADD COLUMN "dcgmUrl" TEXT;
ALTER TABLE "host" ADD COLUMN "gpuSource" TEXT;
ALTER TABLE "host" ADD COLUMN "driverVersion" TEXT;
ALTER TABLE "host" ADD COLUMN "cudaVersion" TEXT;
ALTER TABLE "host" ADD COLUMN "gpusDiscoveredAt" TIMESTAMP(3);
ALTER TABLE "host" ADD COLUMN "discoveryError" TEXT;
ALTER TABLE "host" ADD COLUMN "statusSince" TIMESTAMP(3);
ALTER TABLE "host" ADD COLUMN "failingStep" TEXT;
ALTER TABLE "host" ADD COLUMN "statusFix" TEXT;
ALTER TABLE "host" ADD COLUMN "rttMs" DOUBLE PRECISION;
ALTER TABLE "host" ADD COLUMN "lastCheckedAt" TIMESTAMP(3);
ALTER TABLE "host" ADD COLUMN "engineFacts" TEXT;
ALTER TABLE "host" ADD COLUMN "engineCheckedAt" TIMESTAMP(3);

ALTER TABLE "gpu" ADD COLUMN "catalogGpuId" TEXT;
ALTER TABLE "gpu" ADD COLUMN "memoryUsedBytes" BIGINT;
ALTER TABLE "gpu" ADD COLUMN "processes" TEXT NOT NULL DEFAULT '[]';

CREATE TABLE "host_credential" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    CONSTRAINT "host_credential_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "host_credential_hostId_role_key" ON "host_credential"("hostId", "role");
CREATE INDEX "host_credential_secretId_idx" ON "host_credential"("secretId");
ALTER TABLE "host_credential" ADD CONSTRAINT "host_credential_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "host_credential" ADD CONSTRAINT "host_credential_secretId_fkey" FOREIGN KEY ("secretId") REFERENCES "secret"("id") ON DELETE CASCADE ON UPDATE CASCADE;
