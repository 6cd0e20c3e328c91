import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import net from "node:net";
import type { APIRequestContext } from "@playwright/test";
import Docker from "dockerode";
import { TEMPLATES } from "../../lib/layout/templates";
import { ensureSimImage } from "../../sim/test-support/docker";
import { stopLayout } from "../stop-layout";

/**
 * Seeds the e2e server's SQLite database with two registered hosts of 4 simulated RTX 4090D each (host registration
 * belongs to the hosts feature) and the seed's 2×2 INT4 layout on the first, with the second free for replicas. The
 * server's reconciler does the rest. Both hosts are served by the harness's first dockerd (each container carries its
 * host's id, so they stay apart): the second dockerd is stopped and started by the health poller's test in every
 * checkout's suite. The reconciler's tests on both daemons are in lib/runtime/*.test.ts.
 */
const DB_PATH = process.env.FLEETDECK_E2E_DB ?? ".test-env/e2e.db";
const now = () => new Date().toISOString().replace("Z", "+00:00");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RuntimeSeed {
  layoutId: string;
  layoutName: string;
  hostIds: [string, string];
}

const daemon = () => {
  const url = process.env.FLEETDECK_TEST_DOCKER_HOST;
  if (!url)
    throw new Error("FLEETDECK_TEST_DOCKER_HOST is not set: run `scripts/test-env.sh up` and source .test-env/env");
  return url;
};

/** Also builds the simulator image on the daemon when it lacks this checkout's (a fresh machine, the e2e run alone). */
export async function seedRuntime(suffix: string): Promise<RuntimeSeed> {
  await ensureSimImage(new Docker({ socketPath: daemon().replace(/^unix:\/\//, "") }));
  const db = new Database(DB_PATH);
  db.pragma("busy_timeout = 5000");
  const t = now();
  const hostIds: [string, string] = [randomUUID(), randomUUID()];
  for (const which of [1, 2] as const) {
    db.prepare(
      `INSERT INTO host (id, name, kind, endpoint, labels, simGpuId, simGpuCount, status, ramBytes, cpuCores, createdAt, updatedAt)
       VALUES (?, ?, 'docker', ?, ?, 'rtx-4090d', 4, 'unknown', ?, 16, ?, ?)`,
    ).run(
      hostIds[which - 1],
      `sim-node-${which}-${suffix}`,
      daemon(),
      JSON.stringify({ team: which === 1 ? "a" : "b" }),
      64 * 2 ** 30,
      t,
      t,
    );
  }
  const seed = TEMPLATES.find((x) => x.id === "qwen2.5-7b-4090d-2x2-int4")!.layout;
  const hosts = [1, 2].map((n) => ({
    ...seed.hosts[0]!,
    id: `sim-node-${n}-${suffix}`,
    name: `sim-node-${n}-${suffix}`,
  }));
  const instances = [];
  for (const i of seed.instances)
    instances.push({
      ...i,
      port: await freePort(),
      placement: { hostId: hosts[0]!.id, gpuIndices: i.placement!.gpuIndices },
    });
  const layoutName = `seed 2x2 ${suffix}`;
  const layoutId = randomUUID();
  db.prepare(`INSERT INTO layout (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(layoutId, layoutName, t, t);
  db.prepare(
    `INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, 1, ?, 'seeded', ?)`,
  ).run(randomUUID(), layoutId, JSON.stringify({ ...seed, name: layoutName, hosts, instances }), t);
  db.prepare(
    `INSERT INTO setting (key, value, updatedAt) VALUES ('runtime.settings', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(JSON.stringify({ simLoadSeconds: 1 }), t);
  db.close();
  return { layoutId, layoutName, hostIds };
}

/**
 * Stops the seeded layout through the API and waits until the server reports every replica stopped, then removes the
 * containers. Later specs (the Metrics page's fleet counts, Prometheus's target list) see none of it running; a
 * container removed while its instance still wants to run would be started again by the reconciler.
 */
export async function stopSeededLayout(request: APIRequestContext, seed: RuntimeSeed): Promise<void> {
  await stopLayout(request, seed.layoutId, seed.layoutName);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request.get(`/api/v1/instances?layoutId=${seed.layoutId}`);
    if (!res.ok())
      throw new Error(`listing ${seed.layoutName}'s instances failed: ${res.status()} ${await res.text()}`);
    const { items } = (await res.json()) as { items: { instanceKey: string; replicas: { state: string }[] }[] };
    const left = items.flatMap((i) =>
      i.replicas.filter((r) => r.state !== "stopped").map((r) => `${i.instanceKey}: ${r.state}`),
    );
    if (left.length === 0) break;
    if (Date.now() > deadline) throw new Error(`${seed.layoutName} did not stop within 60 s: ${left.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await removeRuntimeContainers();
}

/** Removes the containers the e2e server made (its installation id is in its database). */
export async function removeRuntimeContainers(): Promise<void> {
  const db = new Database(DB_PATH, { readonly: true });
  const row = db.prepare(`SELECT value FROM setting WHERE key = 'runtime.installation-id'`).get() as
    | { value: string }
    | undefined;
  db.close();
  if (!row) return;
  const docker = new Docker({ socketPath: daemon().replace(/^unix:\/\//, "") });
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`fleetdeck.installation=${row.value}`] },
  });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
