import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { Layout } from "../../lib/vocabulary/layout-schema";
import { E2E_DB } from "../../playwright.config";

/**
 * Writes a saved layout (revision 1, then `later` as revisions 2, 3…) and, when asked, registered hosts straight into
 * the e2e server's real SQLite database, for specs that start from a saved layout rather than build one by mouse.
 * Returns the layout's id.
 */
export function seedLayout(
  layout: Layout,
  hosts: { name: string; labels: Record<string, string> }[] = [],
  later: Layout[] = [],
): string {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  const at = new Date().toISOString().replace("Z", "+00:00");
  for (const host of hosts)
    db.prepare(
      `INSERT INTO host (id, name, endpoint, labels, status, ramBytes, cpuCores, createdAt, updatedAt) VALUES (?, ?, 'unix:///var/run/docker.sock', ?, 'unknown', ?, 16, ?, ?)`,
    ).run(randomUUID(), host.name, JSON.stringify(host.labels), 64 * 2 ** 30, at, at);
  const id = randomUUID();
  db.prepare("INSERT INTO layout (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)").run(id, layout.name, at, at);
  const revision = db.prepare(
    `INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, ?, ?, 'seeded by the designer specs', ?)`,
  );
  for (const [k, document] of [layout, ...later].entries())
    revision.run(randomUUID(), id, k + 1, JSON.stringify(document), at);
  db.close();
  return id;
}
