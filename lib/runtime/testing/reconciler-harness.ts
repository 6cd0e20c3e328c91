import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import { makeUser, sessionHeaders, useTestDatabase as openTestDatabase } from "../../auth/testing/test-users";
import { TEMPLATES } from "../../layout/templates";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import type { HostCredentialValues } from "../../secrets/host-credentials";
import type { RuntimeFactory } from "../drivers/runtime-factory";
import type { Reconciler } from "../reconcile";
import { LABEL } from "../spec/labels";
import { useDocker2 as holdDocker2 } from "./docker2-outage";
import { ensureSimImage } from "../../../sim/test-support/docker";
import { freePort, rawDocker, removeInstallation, waitFor } from "./docker-test-hosts";
import { type TestHosts, testHosts } from "./test-env";

/**
 * A server's worth of runtime for integration tests, nothing mocked: a migrated SQLite database with the harness's
 * two dockerds registered as hosts sim-node-1 (team=a) and sim-node-2 (team=b), each with 4 simulated RTX 4090D, a
 * signed-in admin, and the reconciler with the real drivers. Passes are run by the test (runOnce), not a timer.
 */
export interface Harness {
  reconciler: Reconciler;
  runtimes: RuntimeFactory;
  hostIds: { 1: string; 2: string };
  admin: Headers;
  installationId: string;
  docker: { 1: Docker; 2: Docker };
  as<T>(headers: Headers, fn: () => Promise<T>): Promise<T>;
  /** Runs passes until `check` holds (or the timeout). */
  converge<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  replicas(): Promise<ReplicaView[]>;
  /** Our containers on one daemon, running or not. */
  containers(which: 1 | 2): Promise<Docker.ContainerInfo[]>;
  /** Saves a layout with one revision; returns the ids. */
  saveLayout(document: Layout): Promise<{ layoutId: string; revisionId: string }>;
  addRevision(layoutId: string, document: Layout): Promise<string>;
  cleanup(): Promise<void>;
}

export interface ReplicaView {
  instanceKey: string;
  replica: number;
  hostName: string | null;
  state: string;
  detail: string | null;
  exitCode: number | null;
  containerId: string | null;
  endpoint: string | null;
  logTail: string | null;
  error: string | null;
}

/** The seed's 2×2 INT4 layout, on sim-node-1 (and an empty sim-node-2 for replicas), on free ports. */
export async function seedLayout(name = `seed 2x2 ${randomUUID().slice(0, 6)}`): Promise<Layout> {
  const seed = TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4")!.layout;
  const host = seed.hosts[0]!;
  const instances: Instance[] = [];
  for (const i of seed.instances)
    instances.push({
      ...i,
      port: await freePort(),
      placement: { hostId: "sim-node-1", gpuIndices: i.placement!.gpuIndices },
    });
  return {
    ...seed,
    name,
    hosts: [
      { ...host, id: "sim-node-1", name: "sim-node-1" },
      { ...host, id: "sim-node-2", name: "sim-node-2" },
    ],
    instances,
  };
}

export async function startHarness(
  options: {
    simLoadSeconds?: number;
    /** The daemons that must answer (with the simulator image). */
    needs?: (1 | 2)[];
    actionsPerHost?: number;
    /** Reach the second daemon through this socket (a SocketProxy the test can cut) instead of directly. */
    secondHostUrl?: string;
    /** How the second host is registered: its unix socket (default), or TCP+TLS or SSH with stored credentials. */
    secondHostVia?: "socket" | "tls" | "ssh";
  } = {},
): Promise<Harness> {
  const needs = options.needs ?? [1, 2];
  // Tests elsewhere stop the second dockerd; they wait for this to let go (cleanup) and this waits for them.
  const releaseDocker2 = needs.includes(2) ? await holdDocker2() : () => undefined;
  await openTestDatabase();
  const { db } = await import("../../queries/db");
  const { runWithHeaders } = await import("../../auth/request-context");
  const { reconcilerStore, RUNTIME_SETTINGS_KEY } = await import("../../queries/runtime/reconciler-store");
  const { createRuntimeFactory } = await import("../drivers/runtime-factory");
  const { createReconciler } = await import("../reconcile");
  const { loadRuntimeHosts } = await import("../hosts/load-runtime-hosts");
  const { insertHost } = await import("../../queries/hosts/insert-host");
  const { storeHostCredentials } = await import("../../secrets/host-credentials");
  const { readSecret } = await import("../../secrets/secret-store");
  const { simBundlePath } = await import("./sim-bundle");

  const docker = { 1: rawDocker(1), 2: rawDocker(2) } as const;
  for (const which of needs) await ensureSimImage(docker[which]);
  const urls = testHosts();
  const second = secondHost(urls, options);
  const hostIds = { 1: "", 2: "" };
  for (const which of [1, 2] as const) {
    hostIds[which] = await insertHost(db(), {
      name: `sim-node-${which}`,
      kind: "docker",
      endpoint: which === 1 ? urls.docker : second.url,
      labels: { team: which === 1 ? "a" : "b" },
      simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
      ...(which === 2 && second.sshHostKeySha256 && { sshHostKeySha256: second.sshHostKeySha256 }),
    });
    await db().host.update({ where: { id: hostIds[which] }, data: { ramBytes: 64n * 2n ** 30n, cpuCores: 16 } });
  }
  await storeHostCredentials(db(), hostIds[2], second.credentials);
  await db().setting.create({
    data: { key: RUNTIME_SETTINGS_KEY, value: JSON.stringify({ simLoadSeconds: options.simLoadSeconds ?? 1 }) },
  });
  const store = reconcilerStore();
  const installationId = await store.installationId();
  const runtimes = createRuntimeFactory({
    dataDir: mkdtempSync(path.join(tmpdir(), "fleetdeck-harness-")),
    simBundlePath: (() => {
      try {
        return simBundlePath();
      } catch {
        return "sim/dist/sim.mjs";
      }
    })(),
  });
  const reconciler = createReconciler({
    store,
    loadHosts: () => loadRuntimeHosts(db()),
    runtimeFor: runtimes,
    readSecret,
    intervalMs: 60_000,
    ...(options.actionsPerHost && { actionsPerHost: options.actionsPerHost }),
  });
  const admin = await sessionHeaders(await makeUser("admin"));

  const harness: Harness = {
    reconciler,
    runtimes,
    hostIds,
    admin,
    installationId,
    docker,
    as: (headers, fn) => runWithHeaders(headers, fn),
    converge: (what, check, timeoutMs = 45_000) =>
      waitFor(
        what,
        async () => {
          await reconciler.runOnce();
          return check();
        },
        timeoutMs,
      ),
    async replicas() {
      const rows = await db().instanceReplica.findMany({
        include: { instance: { select: { instanceKey: true } } },
        orderBy: [{ instance: { instanceKey: "asc" } }, { replica: "asc" }],
      });
      const hosts = new Map((await db().host.findMany()).map((h) => [h.id, h.name]));
      return rows.map((r) => ({
        instanceKey: r.instance.instanceKey,
        replica: r.replica,
        hostName: r.hostId ? (hosts.get(r.hostId) ?? null) : null,
        state: r.state,
        detail: r.detail,
        exitCode: r.exitCode,
        containerId: r.containerId,
        endpoint: r.endpoint,
        logTail: r.logTail,
        error: r.error,
      }));
    },
    // The daemons are shared: another checkout's test may be restarting one; a few seconds of retries ride that out.
    containers: (which) =>
      waitFor(
        `the containers on daemon ${which}`,
        () =>
          docker[which].listContainers({ all: true, filters: { label: [`${LABEL.installation}=${installationId}`] } }),
        20_000,
      ),
    async saveLayout(document) {
      const layout = await db().layout.create({
        data: { name: document.name, revisions: { create: { number: 1, document: JSON.stringify(document) } } },
        include: { revisions: true },
      });
      return { layoutId: layout.id, revisionId: layout.revisions[0]!.id };
    },
    async addRevision(layoutId, document) {
      const count = await db().layoutRevision.count({ where: { layoutId } });
      const row = await db().layoutRevision.create({
        data: { layoutId, number: count + 1, document: JSON.stringify(document) },
      });
      return row.id;
    },
    async cleanup() {
      await reconciler.stop();
      runtimes.closeAll();
      await removeInstallation(docker[1], installationId).catch(() => undefined);
      await removeInstallation(docker[2], installationId).catch(() => undefined);
      releaseDocker2();
    },
  };
  return harness;
}

/** The second host's endpoint and the credentials stored for it (encrypted, as Settings → Hosts stores them). */
function secondHost(
  urls: TestHosts,
  options: { secondHostUrl?: string; secondHostVia?: "socket" | "tls" | "ssh" },
): { url: string; credentials: HostCredentialValues; sshHostKeySha256?: string } {
  if (options.secondHostVia === "tls")
    return {
      url: urls.tls.url,
      credentials: { "tls-ca": urls.tls.caPem, "tls-cert": urls.tls.certPem, "tls-key": urls.tls.keyPem },
    };
  if (options.secondHostVia === "ssh")
    return { url: urls.ssh.url, credentials: { "ssh-key": urls.ssh.keyPem }, sshHostKeySha256: urls.ssh.hostKeySha256 };
  return { url: options.secondHostUrl ?? urls.docker2, credentials: {} };
}
