import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../auth/testing/test-users";
import type { HostView } from "../../queries/hosts/host-view";
import { closeDockerClients } from "../docker/client-cache";
import { pingPolledHost } from "../health/poller";
import { lockDocker2Outage } from "../testing/docker2-outage";
import { testHosts } from "../testing/test-env";

/**
 * The health service with the real harness and a real SQLite database: two daemons registered in the host table, the
 * second stopped and started again (scripts/test-env.sh docker2-stop|docker2-start, restarted whatever happens).
 */
const env = testHosts();
const harness = (command: "docker2-stop" | "docker2-start") =>
  execFileSync("bash", ["scripts/test-env.sh", command], { stdio: "pipe", timeout: 60_000 });
const INTERVAL_MS = 1000;
const ids: Record<string, string> = {};
let hostOf: (id: string) => Promise<HostView>;

beforeAll(async () => {
  await useTestDatabase();
  const { db } = await import("../../queries/db");
  const { insertHost } = await import("../../queries/hosts/insert-host");
  const { findHost } = await import("../../queries/hosts/find-host");
  const { storeHostCredentials } = await import("../../secrets/host-credentials");
  hostOf = async (id) => (await findHost(db(), id))!;
  ids.first = await insertHost(db(), { name: "first", endpoint: env.docker });
  ids.second = await insertHost(db(), { name: "second", endpoint: env.docker2 });
  ids.sim = await insertHost(db(), {
    name: "sim",
    kind: "local-sim",
    endpoint: "",
    simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
  });
  ids.broken = await insertHost(db(), { name: "broken", endpoint: env.tls.url });
  await storeHostCredentials(db(), ids.broken, {
    "tls-ca": env.tls.caPem,
    "tls-cert": env.tls.certPem,
    "tls-key": env.tls.keyPem,
  });
  // A secret altered in the database (or FLEETDECK_SECRET changed) no longer decrypts.
  await db().secret.updateMany({ where: { name: `host.${ids.broken}.tls-key` }, data: { ciphertext: "v1.AAAA" } });
});

let releaseOutage: (() => void) | undefined;

afterAll(() => {
  try {
    harness("docker2-start");
  } finally {
    releaseOutage?.();
    closeDockerClients();
  }
});

async function waitFor(what: string, probe: () => Promise<boolean>, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const status = async (id: string) => (await hostOf(id)).health.status;

describe("host health service", () => {
  it("writes a stopped daemon unreachable within two rounds while the other stays reachable, then reachable", async () => {
    const { startHostHealthService } = await import("./health-service");
    const checks: string[] = [];
    releaseOutage = await lockDocker2Outage();
    const service = startHostHealthService({
      intervalMs: INTERVAL_MS,
      timeoutMs: 500,
      check: (host, timeoutMs) => {
        checks.push(host.id);
        return pingPolledHost(host, timeoutMs);
      },
    });
    try {
      await waitFor(
        "both daemons reachable",
        async () => (await status(ids.first!)) === "reachable" && (await status(ids.second!)) === "reachable",
      );
      expect(await hostOf(ids.sim!)).toMatchObject({ health: { status: "reachable", rttMs: 0 } });
      expect((await hostOf(ids.broken!)).health).toMatchObject({
        status: "unreachable",
        failingStep: "credentials",
        error: expect.stringMatching(/tls-key of host broken cannot be decrypted/),
        fix: expect.stringMatching(/enter the credentials again/),
      });
      const firstUpSince = (await hostOf(ids.first!)).health.since;

      harness("docker2-stop");
      const checksAtStop = checks.length;
      await waitFor(
        "the second daemon unreachable in the table",
        async () => (await status(ids.second!)) === "unreachable",
      );
      // Within two rounds: at most one check that began before the stop, then the one that failed.
      expect(checks.slice(checksAtStop).filter((id) => id === ids.second).length).toBeLessThanOrEqual(2);
      const down = await hostOf(ids.second!);
      expect(down.health).toMatchObject({
        failingStep: "socket",
        error: expect.stringContaining(env.docker2.replace("unix://", "")),
        fix: expect.any(String),
        rttMs: null,
      });
      expect(down.health.lastSeenAt).not.toBeNull();
      expect(down.health.since!.getTime()).toBeGreaterThanOrEqual(down.health.lastSeenAt!.getTime());
      // Two more rounds while it is down: the first host is still checked, reachable, since the same time.
      const firstChecks = () => checks.filter((id) => id === ids.first).length;
      const before = firstChecks();
      await waitFor("two more checks of the first host", async () => firstChecks() >= before + 2);
      expect((await hostOf(ids.first!)).health).toMatchObject({ status: "reachable", since: firstUpSince });

      harness("docker2-start");
      await waitFor("the second daemon reachable again", async () => (await status(ids.second!)) === "reachable");
      releaseOutage();
      releaseOutage = undefined;
      expect((await hostOf(ids.second!)).health).toMatchObject({ error: null, failingStep: null });
    } finally {
      await service.stop();
    }
  }, 120_000);

  it("keeps 'since' across a restart of the service when the state did not change", async () => {
    const { startHostHealthService } = await import("./health-service");
    const since = (await hostOf(ids.first!)).health.since;
    const service = startHostHealthService({ intervalMs: INTERVAL_MS, timeoutMs: 500 });
    try {
      await service.pollOnce();
      const after = await hostOf(ids.first!);
      expect(after.health.status).toBe("reachable");
      expect(after.health.since).toEqual(since);
    } finally {
      await service.stop();
    }
  });
});
