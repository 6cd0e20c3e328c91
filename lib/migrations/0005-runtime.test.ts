import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../queries/db";
import { migrate } from "./";
import { migrationTargets } from "./testing/test-databases";

/**
 * 0005_runtime on both providers, after 0004_hosts and before 0007_load_tests: replicas, their state history, the
 * applied revision with its optimistic version and the reconciler's lease round-trip through Prisma and follow
 * their instance or layout when it is deleted.
 */

const { targets, dropAll } = migrationTargets();
afterAll(dropAll);

describe.each(targets)("0005_runtime on $name", (target) => {
  it("applies in order and stores replicas, events, deployments and the lease", async () => {
    const url = await target.url();
    const { applied } = await migrate(url);
    const order = ["0004_hosts", "0005_runtime", "0007_load_tests"].map((name) => applied.indexOf(name));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const db = createDb(url);
    try {
      const host = await db.host.create({ data: { name: "gpu-1", endpoint: "unix:///x" } });
      const layout = await db.layout.create({
        data: { name: "l", revisions: { create: { number: 1, document: "{}" } } },
        include: { revisions: true },
      });
      const instance = await db.instance.create({
        data: {
          layoutId: layout.id,
          instanceKey: "a",
          revisionId: layout.revisions[0]!.id,
          hostId: host.id,
          spec: "{}",
        },
      });
      expect(instance).toMatchObject({ replicaCount: 1, generation: 0 });
      await db.instanceReplica.create({
        data: { instanceId: instance.id, replica: 0, hostId: host.id, gpuIndices: "[0,1]", hostPort: 8000 },
      });
      await expect(db.instanceReplica.create({ data: { instanceId: instance.id, replica: 0 } })).rejects.toThrow();
      await db.replicaEvent.create({ data: { instanceId: instance.id, replica: 0, state: "exited", exitCode: 1 } });
      await db.layoutDeployment.create({
        data: { layoutId: layout.id, revisionId: layout.revisions[0]!.id, revisionNumber: 1, version: 1 },
      });
      const expiresAt = new Date(Date.now() + 30_000);
      await db.runtimeLease.create({ data: { name: "reconciler", holder: "h1", expiresAt } });
      expect(await db.runtimeLease.findUniqueOrThrow({ where: { name: "reconciler" } })).toMatchObject({
        holder: "h1",
        expiresAt,
      });
      expect(await db.instanceReplica.findFirstOrThrow()).toMatchObject({ state: "pending", attempts: 0 });

      await db.instance.delete({ where: { id: instance.id } });
      expect(await db.instanceReplica.count()).toBe(0);
      expect(await db.replicaEvent.count()).toBe(0);
      await db.layout.delete({ where: { id: layout.id } });
      expect(await db.layoutDeployment.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
