import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { closeDockerClients } from "../docker/client-cache";
import { parseDockerEndpoint } from "../docker/endpoint-schema";
import { lockDocker2Outage } from "../testing/docker2-outage";
import { testHosts } from "../testing/test-env";
import type { HealthChange, HostHealth } from "./host-health";
import { createHealthPoller, healthPollerSettingsSchema, type PolledHost } from "./poller";

// Stops and starts the second dockerd of scripts/test-env.sh; it is started again whatever happens.
const hosts = testHosts();
const harness = (command: "docker2-stop" | "docker2-start") =>
  execFileSync("bash", ["scripts/test-env.sh", command], { stdio: "pipe", timeout: 60_000 });

const polled: PolledHost[] = [
  { id: "first", endpoint: parseDockerEndpoint({ url: hosts.docker }) },
  { id: "second", endpoint: parseDockerEndpoint({ url: hosts.docker2 }) },
  {
    id: "second-tls",
    endpoint: parseDockerEndpoint({
      url: hosts.tls.url,
      tls: { caPem: hosts.tls.caPem, certPem: hosts.tls.certPem, keyPem: hosts.tls.keyPem },
    }),
  },
  // SSH spawns `docker system dial-stdio` on the host for every request (a second or more on a loaded machine): give
  // it longer than the interval; the poller skips a host whose check is still running rather than queueing it.
  {
    id: "second-ssh",
    endpoint: parseDockerEndpoint({ url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.keyPem } }),
    timeoutMs: 3000,
  },
];

let releaseOutage: (() => void) | undefined;

afterAll(() => {
  try {
    harness("docker2-start");
  } finally {
    releaseOutage?.();
    closeDockerClients();
  }
});

async function waitFor<T>(what: string, probe: () => T | undefined, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("health poller against real daemons", () => {
  it("sees the second daemon go unreachable at its next check while the first stays reachable, then come back", async () => {
    const changes: HealthChange[] = [];
    const checks: Array<{ hostId: string; health: HostHealth }> = [];
    const poller = createHealthPoller({
      hosts: () => polled,
      intervalMs: 1000,
      timeoutMs: 500,
      onChange: (change) => void changes.push(change),
      onCheck: (hostId, health) => void checks.push({ hostId, health }),
    });
    const stateOf = (id: string) => poller.snapshot().get(id)?.state;
    releaseOutage = await lockDocker2Outage();
    poller.start();
    try {
      await waitFor("all four reachable", () =>
        polled.every((host) => stateOf(host.id) === "reachable") ? true : undefined,
      );

      harness("docker2-stop");
      const checksAtStop = checks.length;
      const downSinceStop = (id: string) =>
        checks.slice(checksAtStop).some((check) => check.hostId === id && check.health.state === "unreachable");
      await waitFor("the second daemon unreachable over both endpoints", () =>
        downSinceStop("second") && downSinceStop("second-tls") ? true : undefined,
      );
      const during = checks.slice(checksAtStop);
      // At most one check that began before the stop may still have succeeded; the next one must fail.
      for (const id of ["second", "second-tls"]) {
        const own = during.filter((check) => check.hostId === id);
        const firstDown = own.findIndex((check) => check.health.state === "unreachable");
        expect(firstDown).toBeGreaterThanOrEqual(0);
        expect(firstDown).toBeLessThanOrEqual(1);
      }
      const socketDown = poller.snapshot().get("second");
      expect(socketDown).toMatchObject({ state: "unreachable", failure: { step: "socket" } });
      expect(poller.snapshot().get("second-tls")).toMatchObject({
        state: "unreachable",
        failure: { step: "tcp", code: "ECONNREFUSED" },
      });
      if (socketDown?.state === "unreachable") expect(socketDown.lastSeenAt).not.toBeNull();
      // Over SSH the transport still works; `docker system dial-stdio` on the host is what fails, and says why.
      await waitFor("the SSH endpoint unreachable", () => (downSinceStop("second-ssh") ? true : undefined));
      const overSsh = poller.snapshot().get("second-ssh");
      expect(overSsh).toMatchObject({ state: "unreachable", failure: { step: "remote-docker" } });
      // The docker CLI's own words on the host, e.g. "dial unix /run/fleetdeck-test/docker2.sock: connect: no such file or directory".
      if (overSsh?.state === "unreachable")
        expect(overSsh.failure.message).toContain(hosts.docker2.replace("unix://", ""));

      // Two more rounds while the second host is down: the first host is checked and reachable every time.
      const firstChecksBefore = checks.filter((check) => check.hostId === "first").length;
      await waitFor("two more checks of the first host", () =>
        checks.filter((check) => check.hostId === "first").length >= firstChecksBefore + 2 ? true : undefined,
      );
      expect(
        checks
          .slice(checksAtStop)
          .filter((check) => check.hostId === "first")
          .every((check) => check.health.state === "reachable"),
      ).toBe(true);

      harness("docker2-start");
      await waitFor("the second daemon reachable again", () =>
        ["second", "second-tls", "second-ssh"].every((id) => stateOf(id) === "reachable") ? true : undefined,
      );
    } finally {
      await poller.stop();
    }
    const flips = changes.filter((change) => change.hostId === "second").map((change) => change.current.state);
    expect(flips).toEqual(["reachable", "unreachable", "reachable"]);
    expect(changes.filter((change) => change.hostId === "first").map((change) => change.current.state)).toEqual([
      "reachable",
    ]);
  }, 120_000);

  it("drops a host that left the list and reports a host whose credentials cannot load", async () => {
    let list: PolledHost[] = [
      polled[0]!,
      {
        id: "bad-key",
        endpoint: {
          ...(polled[2]!.endpoint as Extract<PolledHost["endpoint"], { kind: "tcp" }>),
          tls: { caPem: hosts.tls.caPem, certPem: hosts.tls.certPem, keyPem: hosts.tls.wrongKeyPem },
        },
      },
    ];
    const poller = createHealthPoller({ hosts: () => list, intervalMs: 1000, timeoutMs: 500, onChange: () => {} });
    await poller.pollOnce();
    expect(poller.snapshot().get("bad-key")).toMatchObject({ state: "unreachable", failure: { step: "credentials" } });
    list = [polled[0]!];
    await poller.pollOnce();
    expect([...poller.snapshot().keys()]).toEqual(["first"]);
  });
});

describe("health poller settings", () => {
  it("defaults to a 10 s interval and a 5 s timeout", () => {
    expect(healthPollerSettingsSchema.parse({})).toEqual({ intervalMs: 10_000, timeoutMs: 5000, concurrency: 32 });
  });

  it("refuses a timeout that does not end before the next round", () => {
    const result = healthPollerSettingsSchema.safeParse({ intervalMs: 1000, timeoutMs: 1000 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["timeoutMs"],
      message: expect.stringMatching(/less than intervalMs/),
    });
  });
});
