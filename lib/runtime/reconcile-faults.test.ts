import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Instance } from "../vocabulary/layout-schema";
import { LABEL, parseManagedLabels, replicaKeyString } from "./spec/labels";
import { freePort, SIM_IMAGE_HOOK_TIMEOUT_MS, waitFor } from "./testing/docker-test-hosts";
import { type Harness, seedLayout, startHarness } from "./testing/reconciler-harness";
import { SocketProxy } from "./testing/socket-proxy";
import { testHosts } from "./testing/test-env";

/**
 * Faults on real parts: a server killed with SIGKILL in the middle of applying 8 instances across the two dockerds,
 * and a host that stops answering and comes back. The second host is reached through a socket proxy the test cuts
 * (a partition: the daemon and its containers keep running), so the daemon other checkouts share is never stopped.
 */

let h: Harness;
let actions: {
  applyRevision: typeof import("../actions/instances/apply-revision").applyRevision;
  stopInstance: typeof import("../actions/instances/stop-instance").stopInstance;
  scaleInstance: typeof import("../actions/instances/scale-instance").scaleInstance;
};
const ok = <T>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.data;
};
const proxy = new SocketProxy(
  path.join(mkdtempSync(path.join(tmpdir(), "fleetdeck-proxy-")), "docker2.sock"),
  testHosts().docker2.replace(/^unix:\/\//, ""),
);

/** Eight single-GPU instances, four on each host. */
async function eightInstances(): Promise<ReturnType<typeof seedLayout>> {
  const base = await seedLayout("eight");
  const template = { ...base.instances[0]!, tp: 1, limits: { memoryBytes: 12 * 2 ** 30, cpus: 1, shmBytes: 2 ** 30 } };
  const instances: Instance[] = [];
  for (const node of [1, 2])
    for (const gpu of [0, 1, 2, 3])
      instances.push({
        ...template,
        id: `q${node}-${gpu}`,
        port: await freePort(),
        placement: { hostId: `sim-node-${node}`, gpuIndices: [gpu] },
      });
  return { ...base, instances };
}

/** The reconciler as its own process (a second server); `actionsPerHost` 1 makes its creates one by one per host. */
function spawnServer(actionsPerHost = 4): ChildProcess {
  return spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/runtime/testing/reconciler-process.ts"],
    {
      env: { ...process.env, LOG_LEVEL: "silent", RECONCILE_ACTIONS_PER_HOST: String(actionsPerHost) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

beforeAll(async () => {
  await proxy.start();
  h = await startHarness({ secondHostUrl: proxy.url });
  actions = {
    ...(await import("../actions/instances/apply-revision")),
    ...(await import("../actions/instances/stop-instance")),
    ...(await import("../actions/instances/scale-instance")),
  };
}, SIM_IMAGE_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await h?.cleanup();
  await proxy.stop();
}, 120_000);

describe("kill -9 of the server in the middle of an apply", () => {
  it("converges after a restart: every replica once, no duplicate, no orphan", async () => {
    const { revisionId } = await h.saveLayout(await eightInstances());
    ok(await h.as(h.admin, () => actions.applyRevision({ revisionId })));
    const server = spawnServer(1);
    let output = "";
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const all = async () => [...(await h.containers(1)), ...(await h.containers(2))];
    let createdWhenKilled = 0;
    const deadline = Date.now() + 60_000;
    try {
      while (createdWhenKilled === 0 && Date.now() < deadline) {
        createdWhenKilled = (await all()).length;
        if (createdWhenKilled === 0) await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      server.kill("SIGKILL");
    }
    if (server.exitCode === null && server.signalCode === null)
      await new Promise((resolve) => server.once("exit", resolve));
    expect(server.signalCode, `the server ended by itself before it was killed; its output: ${output}`).toBe("SIGKILL");
    expect(createdWhenKilled, `server output: ${output}`).toBeLessThan(8);

    // The restarted server takes the lease at once: the killed holder's process is gone.
    const first = await h.reconciler.runOnce();
    expect(first).not.toBeNull();
    await h.converge(
      "all eight healthy",
      async () => {
        const replicas = await h.replicas();
        return replicas.length === 8 && replicas.every((r) => r.state === "healthy");
      },
      90_000,
    );
    const containers = await all();
    expect(containers).toHaveLength(8);
    const keys = containers.map((c) => replicaKeyString(parseManagedLabels(c.Labels)!));
    expect(new Set(keys).size).toBe(8);
    expect(new Set(containers.map((c) => c.Names[0])).size).toBe(8);
    const desired = new Set((await h.replicas()).map((r) => r.containerId));
    for (const c of containers) expect(desired.has(c.Id)).toBe(true);
  }, 180_000);

  it("lets one server reconcile at a time: another process's lease keeps this one out", async () => {
    const { db } = await import("../queries/db");
    const { reconcilerStore } = await import("../queries/runtime/reconciler-store");
    await reconcilerStore().releaseLease("reconciler", h.reconciler.holder);
    const server = spawnServer();
    try {
      const lease = await waitFor(
        "the other server to take the lease",
        async () => {
          const row = await db().runtimeLease.findUnique({ where: { name: "reconciler" } });
          return row && row.holder !== h.reconciler.holder && row;
        },
        90_000,
      );
      expect(lease.holder).toMatch(/^[^:]+:\d+:[0-9a-f]{8}$/);
      expect(await h.reconciler.runOnce()).toBeNull();
    } finally {
      server.kill("SIGKILL");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    expect(await h.reconciler.runOnce()).not.toBeNull();
  }, 150_000);
});

describe("a host that stops answering", () => {
  it("shows its replicas unreachable, keeps the other host's running, refuses actions on it, and converges when it is back", async () => {
    const replica = async (key: string) => (await h.replicas()).find((r) => r.instanceKey === key)!;
    const { db } = await import("../queries/db");
    const onTwo = await db().instance.findFirstOrThrow({ where: { instanceKey: "q2-0" } });
    const before = await replica("q1-0");
    await proxy.stop();
    try {
      await h.converge(
        "sim-node-2's replicas unreachable",
        async () => (await replica("q2-0")).state === "unreachable",
      );
      const down = await replica("q2-0");
      expect(down.detail).toMatch(/sim-node-2/);
      expect(await replica("q1-0")).toMatchObject({ state: "healthy", containerId: before.containerId });
      const refused = await h.as(h.admin, () => actions.stopInstance({ instanceId: onTwo.id }));
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Host sim-node-2 is unreachable \(.+\), so q2-0's desired state was not changed/),
      });
      expect((await db().instance.findUniqueOrThrow({ where: { id: onTwo.id } })).desiredState).toBe("running");
    } finally {
      await proxy.start();
    }
    await h.converge(
      "sim-node-2's replicas healthy again",
      async () => (await replica("q2-0")).state === "healthy",
      90_000,
    );
    expect((await h.containers(2)).filter((c) => c.Labels[LABEL.instance]?.startsWith("q2-"))).toHaveLength(4);
  }, 240_000);
});
