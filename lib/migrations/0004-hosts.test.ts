import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../queries/db";
import { migrate } from "./";
import { migrationTargets } from "./testing/test-databases";

/** 0004_hosts on both providers: the new host and GPU columns and host_credential round-trip through Prisma. */

const { targets, dropAll } = migrationTargets();
afterAll(dropAll);

describe.each(targets)("0004_hosts on $name", (target) => {
  it("stores a host's kind, GPUs, health and credentials; credentials follow their host and secret", async () => {
    const url = await target.url();
    expect((await migrate(url)).applied).toContain("0004_hosts");
    const db = createDb(url);
    try {
      const secret = await db.secret.create({
        data: { name: "host.x.ssh-key", kind: "docker-ssh", ciphertext: "v1.x" },
      });
      const host = await db.host.create({
        data: {
          name: "gpu-1",
          endpoint: "ssh://root@gpu-1",
          kind: "docker",
          sshHostKeySha256: `SHA256:${"A".repeat(43)}`,
          simGpuId: "rtx-4090d",
          simGpuCount: 4,
          declaredGpuId: "custom",
          declaredGpuCount: 2,
          declaredGpuMemoryBytes: 48n * 2n ** 30n,
          statusSince: new Date("2025-01-01T00:00:00Z"),
          rttMs: 1.25,
          engineFacts: JSON.stringify({ engineVersion: "27.0.1" }),
          credentials: { create: { role: "ssh-key", secretId: secret.id } },
          gpus: {
            create: {
              index: 0,
              name: "NVIDIA H200",
              memoryBytes: 150_754_820_096n,
              catalogGpuId: "h200",
              memoryUsedBytes: 4n * 2n ** 30n,
              processes: JSON.stringify([{ pid: 1, name: "python3" }]),
            },
          },
        },
      });
      const back = await db.host.findUniqueOrThrow({
        where: { id: host.id },
        include: { credentials: true, gpus: true },
      });
      expect(back).toMatchObject({
        kind: "docker",
        simGpuCount: 4,
        declaredGpuMemoryBytes: 48n * 2n ** 30n,
        rttMs: 1.25,
      });
      expect(back.gpus[0]).toMatchObject({ catalogGpuId: "h200", memoryUsedBytes: 4n * 2n ** 30n });
      expect(back.credentials.map((c) => c.role)).toEqual(["ssh-key"]);
      expect((await db.host.create({ data: { name: "plain", endpoint: "unix:///x" } })).kind).toBe("docker");

      await db.secret.delete({ where: { id: secret.id } });
      expect(await db.hostCredential.count()).toBe(0);
      const other = await db.secret.create({
        data: { name: "host.x.tls-key", kind: "docker-tls", ciphertext: "v1.y" },
      });
      await db.hostCredential.create({ data: { hostId: host.id, role: "tls-key", secretId: other.id } });
      await expect(
        db.hostCredential.create({ data: { hostId: host.id, role: "tls-key", secretId: other.id } }),
      ).rejects.toThrow();
      await db.host.delete({ where: { id: host.id } });
      expect(await db.hostCredential.count()).toBe(0);
      expect(await db.gpu.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
