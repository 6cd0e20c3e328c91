import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { E2E_DB } from "../../playwright.config";
import { adminCookie, api } from "./http";

/** Issue 11, item 10: API lists come in pages (cursor; 100 by default, at most 1,000). */

test.beforeAll(() => {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare("INSERT INTO layout (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)");
  const revision = db.prepare(
    "INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, 1, ?, '', ?)",
  );
  const t = Date.now();
  db.transaction(() => {
    for (let i = 0; i < 130; i++) {
      const id = randomUUID();
      const at = new Date(t - i * 1000).toISOString().replace("Z", "+00:00");
      insert.run(id, `paged-${i}`, at, at);
      revision.run(randomUUID(), id, JSON.stringify({ name: `paged-${i}`, hosts: [], instances: [] }), at);
    }
  })();
  db.close();
});

test("GET /api/v1/layouts pages with a cursor: 100 by default, limit up to 1,000, no row twice", async () => {
  const cookie = adminCookie();
  const first = await api("GET", "/api/v1/layouts", { cookie });
  expect(first.status).toBe(200);
  expect(first.json.items).toHaveLength(100);
  expect(typeof first.json.nextCursor).toBe("string");
  const seen = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor ? `?limit=40&cursor=${encodeURIComponent(cursor)}` : "?limit=40";
    const page = await api("GET", `/api/v1/layouts${query}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.json.items.length).toBeLessThanOrEqual(40);
    for (const l of page.json.items) {
      expect(seen.has(l.id), `layout ${l.id} came twice`).toBe(false);
      seen.add(l.id);
    }
    cursor = page.json.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  expect(seen.size).toBeGreaterThanOrEqual(130);
  expect(pages).toBeGreaterThanOrEqual(4);
});

test("a limit over 1,000 or a forged cursor is a 422 that says what to send", async () => {
  const cookie = adminCookie();
  const big = await api("GET", "/api/v1/layouts?limit=1001", { cookie });
  expect(big.status).toBe(422);
  expect(big.json.fieldErrors.limit[0]).toMatch(/1,000|1000/);
  const forged = await api("GET", "/api/v1/layouts?cursor=not-a-cursor", { cookie });
  expect(forged.status).toBe(422);
  expect(Object.keys(forged.json.fieldErrors)).toContain("cursor");
});
