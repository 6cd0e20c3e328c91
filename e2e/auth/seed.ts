import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";

/**
 * Seeds hosts and layouts straight into the e2e server's real SQLite database (the layout designer and
 * host registration belong to other parts of the product). Labels decide what operators may touch.
 */
const DB_PATH = process.env.FLEETDECK_E2E_DB ?? ".test-env/e2e.db";

function now(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

export function document(name: string, hostName: string, labels: Record<string, string>, instanceKey: string) {
  return JSON.stringify({
    schemaVersion: 1,
    name,
    hosts: [
      {
        id: hostName,
        name: hostName,
        gpus: [{ index: 0, gpuId: "h100-sxm-80gb" }],
        ramBytes: 256 * 2 ** 30,
        cpuCores: 32,
        labels,
      },
    ],
    instances: [
      {
        id: instanceKey,
        engine: "vllm",
        model: "Qwen/Qwen2.5-7B-Instruct",
        placement: { hostId: hostName, gpuIndices: [0] },
      },
    ],
  });
}

export interface Seeded {
  hosts: Record<string, string>;
  revisions: Record<string, string>;
  layouts: Record<string, string>;
  layoutIds: Record<string, string>;
}

export function seedFleet(suffix: string): Seeded {
  const db = new Database(DB_PATH);
  db.pragma("busy_timeout = 5000");
  const out: Seeded = { hosts: {}, revisions: {}, layouts: {}, layoutIds: {} };
  const t = now();
  for (const [team, host] of [
    ["a", `gpu-a-${suffix}`],
    ["b", `gpu-b-${suffix}`],
  ] as const) {
    const hostId = randomUUID();
    db.prepare(
      `INSERT INTO host (id, name, endpoint, labels, status, ramBytes, cpuCores, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'unknown', ?, 32, ?, ?)`,
    ).run(hostId, host, "unix:///var/run/docker.sock", JSON.stringify({ team }), 256 * 2 ** 30, t, t);
    db.prepare(
      `INSERT INTO gpu (id, hostId, "index", name, memoryBytes) VALUES (?, ?, 0, 'NVIDIA H100 80GB HBM3', ?)`,
    ).run(randomUUID(), hostId, 80 * 2 ** 30);
    const layoutId = randomUUID();
    const layoutName = `plan-${team}-${suffix}`;
    db.prepare(`INSERT INTO layout (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(
      layoutId,
      layoutName,
      t,
      t,
    );
    const revisionId = randomUUID();
    db.prepare(
      `INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, 1, ?, 'seeded', ?)`,
    ).run(revisionId, layoutId, document(layoutName, host, { team }, `qwen-${team}`), t);
    out.hosts[team] = hostId;
    out.layouts[team] = layoutName;
    out.layoutIds[team] = layoutId;
    out.revisions[team] = revisionId;
  }
  db.close();
  return out;
}

/** Appends a revision straight into the database (as its owner might have saved it) and returns its id. */
export function seedRevision(layoutId: string, number: number, doc: string): string {
  const db = new Database(DB_PATH);
  db.pragma("busy_timeout = 5000");
  const id = randomUUID();
  db.prepare(
    `INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, ?, ?, 'seeded', ?)`,
  ).run(id, layoutId, number, doc, now());
  db.close();
  return id;
}
