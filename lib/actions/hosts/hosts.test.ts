import path from "node:path";
import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, useTestDatabase } from "../../auth/testing/test-users";
import { createDockerClient, type DockerHandle } from "../../runtime/docker/create-client";
import { parseDockerEndpoint } from "../../runtime/docker/endpoint-schema";
import { useDocker2 } from "../../runtime/testing/docker2-outage";
import { buildProbeTestImage, PROBE_TEST_IMAGE } from "../../runtime/testing/probe-test-image";
import { testHosts } from "../../runtime/testing/test-env";

/**
 * The hosts actions against the real harness: two dockerds (a socket each, the second also on TCP+TLS and behind
 * sshd), a real SQLite database, real sessions. GPU discovery runs the probe image with the real nvidia-smi XML
 * fixtures; nothing is mocked.
 */

const env = testHosts();
const FIXTURES = path.join(import.meta.dirname, "../../runtime/gpu/fixtures");
type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let admin: Headers;
let viewer: Headers;
let a: {
  addHost: typeof import("./add-host").addHost;
  editHost: typeof import("./edit-host").editHost;
  removeHost: typeof import("./remove-host").removeHost;
  testHostConnection: typeof import("./test-host-connection").testHostConnection;
  discoverGpus: typeof import("./discover-gpus").discoverGpus;
  declareGpus: typeof import("./declare-gpus").declareGpus;
  updateHostSettings: typeof import("./update-host-settings").updateHostSettings;
};
let local: DockerHandle;
let releaseDocker2: () => void = () => {};
let probeBase: "fleetdeck-sim" | "scratch";
const ids: Record<string, string> = {};
const tls = { caPem: env.tls.caPem, certPem: env.tls.certPem, keyPem: env.tls.keyPem };

async function ok<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.data;
}
const asAdmin = <T>(fn: () => Promise<T>) => runAs(admin, fn);

beforeAll(async () => {
  releaseDocker2 = await useDocker2();
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  a = {
    ...(await import("./add-host")),
    ...(await import("./edit-host")),
    ...(await import("./remove-host")),
    ...(await import("./test-host-connection")),
    ...(await import("./discover-gpus")),
    ...(await import("./declare-gpus")),
    ...(await import("./update-host-settings")),
  };
  admin = await sessionHeaders(await makeUser("admin"));
  viewer = await sessionHeaders(await makeUser("viewer"));
  local = createDockerClient(parseDockerEndpoint({ url: env.docker }));
  ({ base: probeBase } = await buildProbeTestImage(
    local.docker,
    ["h200-nvidia-smi-q-busy.xml", "dual-rtx-a5000.xml"].map((f) => path.join(FIXTURES, f)),
  ));
}, 120_000);

afterAll(() => {
  local.close();
  releaseDocker2();
});

describe("registering the harness daemons", () => {
  it("adds the first daemon (socket) and the second over TLS and over SSH; Test connection shows the facts", async () => {
    ids.d1 = (await ok(asAdmin(() => a.addHost({ name: "d1", endpoint: { url: env.docker } })))).id;
    ids.tls = (await ok(asAdmin(() => a.addHost({ name: "d2-tls", endpoint: { url: env.tls.url, tls } })))).id;
    ids.ssh = (
      await ok(
        asAdmin(() =>
          a.addHost({
            name: "d2-ssh",
            endpoint: {
              url: env.ssh.url,
              ssh: {
                privateKeyPem: env.ssh.passphraseKeyPem,
                passphrase: env.ssh.passphrase,
                hostKeySha256: env.ssh.hostKeySha256,
              },
            },
          }),
        ),
      )
    ).id;
    for (const id of [ids.d1!, ids.tls!, ids.ssh!]) {
      const result = await ok(asAdmin(() => a.testHostConnection({ hostId: id })));
      if (!result.ok || result.simulated) throw new Error(`test connection of ${id} failed: ${JSON.stringify(result)}`);
      expect(result.engine).toMatchObject({
        engineVersion: expect.stringMatching(/^\d+\.\d+/),
        apiVersion: expect.stringMatching(/^1\.\d+$/),
        operatingSystem: expect.any(String),
        cgroupDriver: expect.stringMatching(/^(cgroupfs|systemd)$/),
        storageDriver: expect.any(String),
        nvidiaRuntime: false,
      });
      expect(result.engine.cpus).toBeGreaterThan(0);
      expect(result.engine.memoryBytes).toBeGreaterThan(0);
      expect(result.rttMs).toBeGreaterThanOrEqual(0);
    }
    const { findHost } = await import("../../queries/hosts/find-host");
    const { db } = await import("../../queries/db");
    const stored = (await findHost(db(), ids.ssh!))!;
    expect(stored.engine?.engineVersion).toMatch(/^\d+\.\d+/);
    expect(stored.cpuCores).toBeGreaterThan(0);
    expect(stored.credentials).toEqual(["ssh-key", "ssh-passphrase"]);
    expect(stored.sshHostKeySha256).toBe(env.ssh.hostKeySha256);
  });

  it("says clearly when the TLS client certificate is not the one the daemon trusts", async () => {
    const { id } = await ok(
      asAdmin(() =>
        a.addHost({
          name: "d2-wrong-cert",
          endpoint: { url: env.tls.url, tls: { ...tls, certPem: env.tls.wrongCertPem, keyPem: env.tls.wrongKeyPem } },
        }),
      ),
    );
    const result = await ok(asAdmin(() => a.testHostConnection({ hostId: id })));
    if (result.ok) throw new Error("the wrong certificate was accepted");
    expect(result.failure.step).toBe("tls");
    expect(result.failure.message).toMatch(/refused our client certificate/);
    expect(result.failure.fix).toMatch(/signed by the CA the daemon trusts/);
  });

  it("refuses plain TCP off loopback, and credentials that cannot be used, naming the field and the fix", async () => {
    const plain = await asAdmin(() => a.addHost({ name: "naked", endpoint: { url: "tcp://10.1.2.3:2375" } }));
    expect(plain).toMatchObject({ ok: false });
    if (plain.ok) return;
    expect(plain.fieldErrors?.["endpoint.url"]?.[0]).toMatch(/without TLS: .*run containers as root.*--tlsverify/);
    const mismatch = await asAdmin(() =>
      a.addHost({ name: "mismatch", endpoint: { url: env.tls.url, tls: { ...tls, keyPem: env.tls.wrongKeyPem } } }),
    );
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { "endpoint.tls.keyPem": [expect.any(String)] } });
    const noPassphrase = await asAdmin(() =>
      a.addHost({ name: "nopass", endpoint: { url: env.ssh.url, ssh: { privateKeyPem: env.ssh.passphraseKeyPem } } }),
    );
    expect(noPassphrase).toMatchObject({ ok: false });
    if (!noPassphrase.ok) expect(noPassphrase.error).toMatch(/encrypted and no ssh\.passphrase was given/);
    const badLabel = await asAdmin(() => a.addHost({ name: "x", endpoint: { url: env.docker }, labels: "team" }));
    expect(badLabel).toMatchObject({ ok: false });
    if (!badLabel.ok) expect(badLabel.error).toMatch(/"team" is not key=value/);
    const duplicate = await asAdmin(() => a.addHost({ name: "d1", endpoint: { url: env.docker } }));
    expect(duplicate).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.stringMatching(/already registered/)] },
    });
  });

  it("keeps secrets out of the audit log and the errors, and viewers out of every change", async () => {
    const { db } = await import("../../queries/db");
    const audit = JSON.stringify(await db().auditEvent.findMany());
    for (const secret of [env.tls.keyPem, env.ssh.passphraseKeyPem, env.ssh.passphrase, "PRIVATE KEY"])
      expect(audit).not.toContain(secret);
    const secrets = JSON.stringify(await db().secret.findMany());
    expect(secrets).not.toContain("PRIVATE KEY");
    const refused = await runAs(viewer, () => a.addHost({ name: "v", endpoint: { url: env.docker } }));
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/viewer/) });
  });
});

describe("editing a host", () => {
  it("edits labels (what grants match), keeping the stored credentials when only the URL's fields stay", async () => {
    await ok(asAdmin(() => a.editHost({ hostId: ids.tls!, labels: "team=a, zone=lab" })));
    const { findHost } = await import("../../queries/hosts/find-host");
    const { db } = await import("../../queries/db");
    expect((await findHost(db(), ids.tls!))!.labels).toEqual({ team: "a", zone: "lab" });
    // The endpoint re-entered without certificates keeps the stored ones: the connection still works.
    await ok(asAdmin(() => a.editHost({ hostId: ids.tls!, endpoint: { url: env.tls.url } })));
    expect(await ok(asAdmin(() => a.testHostConnection({ hostId: ids.tls! })))).toMatchObject({ ok: true });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "host.edit", targetId: ids.tls! } });
    expect(JSON.parse(row.after!)).toMatchObject({ labels: { team: "a", zone: "lab" } });
  });

  it("moves a host from SSH to its socket and drops the SSH secrets", async () => {
    const { db } = await import("../../queries/db");
    const before = await db().secret.count({ where: { name: { startsWith: `host.${ids.ssh}.` } } });
    expect(before).toBe(2);
    await ok(asAdmin(() => a.editHost({ hostId: ids.ssh!, endpoint: { url: env.docker2 } })));
    expect(await db().secret.count({ where: { name: { startsWith: `host.${ids.ssh}.` } } })).toBe(0);
    expect(await ok(asAdmin(() => a.testHostConnection({ hostId: ids.ssh! })))).toMatchObject({ ok: true });
  });
});

describe("GPUs", () => {
  it("discovers simulated GPUs through the probe path from a real nvidia-smi XML fixture", async () => {
    await ok(
      asAdmin(() =>
        a.updateHostSettings({
          simImage: PROBE_TEST_IMAGE,
          probeEnv: ["FLEETDECK_SIM_NVIDIA_SMI_FIXTURE=/fixtures/h200-nvidia-smi-q-busy.xml"],
          // A loaded machine (every worktree's tests at once) can take a minute to start a container.
          probeTimeoutMs: 150_000,
        }),
      ),
    );
    await ok(asAdmin(() => a.editHost({ hostId: ids.d1!, simulatedGpus: { gpuId: "h200", count: 1 } })));
    const container = await holdGpu(local.docker, "qwen-a", "0");
    try {
      const result = await ok(asAdmin(() => a.discoverGpus({ hostId: ids.d1! })));
      if (!result.ok) throw new Error(`discovery failed: ${result.failure.message}`);
      expect(result).toMatchObject({ source: "simulated", driverVersion: expect.any(String) });
      expect(result.via).toContain(PROBE_TEST_IMAGE);
      const { findHost } = await import("../../queries/hosts/find-host");
      const { db } = await import("../../queries/db");
      const host = (await findHost(db(), ids.d1!))!;
      expect(host.discovery).toMatchObject({ source: "simulated", error: null });
      expect(host.gpus).toHaveLength(1);
      const [gpu] = host.gpus;
      expect(gpu).toMatchObject({ index: 0, name: "NVIDIA H200", catalogGpuId: "h200" });
      expect(gpu!.uuid).toMatch(/^GPU-/);
      expect(gpu!.memoryUsedBytes).toBeGreaterThan(21_000 * 2 ** 20);
      expect(gpu!.holders).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pid: 432, name: "python3" }),
          expect.objectContaining({ instanceKey: "qwen-a", pid: null }),
        ]),
      );
      expect(gpu!.holders.find((h) => h.pid === 432)?.instanceKey).toBeUndefined();
      const { loadRuntimeHost } = await import("../../runtime/hosts/load-runtime-hosts");
      expect((await loadRuntimeHost(ids.d1!)).gpus).toEqual([
        { index: 0, uuid: gpu!.uuid, gpuId: "h200", memoryBytes: gpu!.memoryBytes },
      ]);
    } finally {
      await container.remove({ force: true });
    }
  }, 180_000);

  it("on real GPUs without the NVIDIA runtime, the probe says what to install", async () => {
    await ok(asAdmin(() => a.updateHostSettings({ probeImage: PROBE_TEST_IMAGE, probeTimeoutMs: 150_000 })));
    const result = await ok(asAdmin(() => a.discoverGpus({ hostId: ids.tls! })));
    if (result.ok) throw new Error("a host without GPUs reported GPUs");
    expect(["gpu-runtime", "image"]).toContain(result.failure.step);
    const { findHost } = await import("../../queries/hosts/find-host");
    const { db } = await import("../../queries/db");
    expect((await findHost(db(), ids.tls!))!.discovery.error?.step).toBe(result.failure.step);
  }, 180_000);

  it("declares GPUs by hand: a catalog GPU, or custom memory", async () => {
    const { loadRuntimeHost } = await import("../../runtime/hosts/load-runtime-hosts");
    await ok(asAdmin(() => a.declareGpus({ hostId: ids.ssh!, declaredGpus: { count: 2, gpuId: "RTX 4090D" } })));
    expect((await loadRuntimeHost(ids.ssh!)).gpus).toEqual([
      { index: 0, gpuId: "rtx-4090d", memoryBytes: 24_564 * 2 ** 20 },
      { index: 1, gpuId: "rtx-4090d", memoryBytes: 24_564 * 2 ** 20 },
    ]);
    await ok(
      asAdmin(() =>
        a.declareGpus({ hostId: ids.ssh!, declaredGpus: { count: 1, gpuId: "custom", memoryBytes: "48GiB" } }),
      ),
    );
    expect((await loadRuntimeHost(ids.ssh!)).gpus).toEqual([{ index: 0, gpuId: "custom", memoryBytes: 48 * 2 ** 30 }]);
    const bad = await asAdmin(() => a.declareGpus({ hostId: ids.ssh!, declaredGpus: { count: 1, gpuId: "custom" } }));
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { "declaredGpus.memoryBytes": [expect.stringMatching(/needs memoryBytes/)] },
    });
    const unknown = await asAdmin(() =>
      a.declareGpus({ hostId: ids.ssh!, declaredGpus: { count: 1, gpuId: "RTX 9999" } }),
    );
    expect(unknown).toMatchObject({ ok: false });
    if (!unknown.ok) expect(unknown.error).toMatch(/"RTX 9999" is not a catalog GPU/);
  });
});

describe("removing a host", () => {
  it("is refused while instances placed there should run, and says which", async () => {
    const { db } = await import("../../queries/db");
    const layout = await db().layout.create({
      data: { name: "plan", revisions: { create: { number: 1, document: "{}" } } },
      include: { revisions: true },
    });
    const instance = await db().instance.create({
      data: {
        layoutId: layout.id,
        instanceKey: "qwen-b",
        revisionId: layout.revisions[0]!.id,
        hostId: ids.tls!,
        spec: "{}",
      },
    });
    const refused = await asAdmin(() => a.removeHost({ hostId: ids.tls! }));
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok)
      expect(refused.error).toMatch(/still has 1 instance placed that should run: qwen-b \(layout "plan"\)/);
    await db().instance.update({ where: { id: instance.id }, data: { desiredState: "stopped" } });
    await ok(asAdmin(() => a.removeHost({ hostId: ids.tls! })));
    expect(await db().host.findUnique({ where: { id: ids.tls! } })).toBeNull();
    expect(await db().secret.count({ where: { name: { startsWith: `host.${ids.tls}.` } } })).toBe(0);
    expect((await db().instance.findUniqueOrThrow({ where: { id: instance.id } })).hostId).toBeNull();
  });
});

/** A running container labelled as fleetdeck instance `instanceKey`, given GPU `gpu` the way simulated GPUs are. */
async function holdGpu(docker: Docker, instanceKey: string, gpu: string) {
  const container = await docker.createContainer({
    Image: PROBE_TEST_IMAGE,
    // Something that waits: node on the simulator's base, cat reading an open stdin on the scratch one.
    ...(probeBase === "fleetdeck-sim"
      ? { Entrypoint: ["/usr/bin/node", "-e", "setInterval(() => {}, 1 << 30)"] }
      : { Entrypoint: ["cat"], OpenStdin: true }),
    Env: [`CUDA_VISIBLE_DEVICES=${gpu}`],
    Labels: { "fleetdeck.instance": instanceKey, "fleetdeck.managed": "true" },
    HostConfig: { NetworkMode: "none" },
  });
  await container.start();
  return container;
}
