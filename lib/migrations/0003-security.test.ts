import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, sqlitePath } from "./";
import { postgresAdminUrl, tempPostgresDatabase, tempSqliteUrl } from "./testing/test-databases";

/** 0003_security on both providers: archived layouts, audit target names and outcomes, the "write" scope renamed. */

const ROOT = join(import.meta.dirname, "../../prisma/migrations");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** The migrations before 0003, to set up a database as an older release left it. */
function before0003(): string {
  const dir = mkdtempSync(join(tmpdir(), "fleetdeck-mig-"));
  for (const provider of ["sqlite", "postgresql"])
    for (const name of ["0001_init", "0002_auth_audit"])
      cpSync(join(ROOT, provider, name), join(dir, provider, name), { recursive: true });
  return dir;
}

interface Target {
  name: string;
  url(): Promise<string>;
  query(url: string, sql: string): Promise<Record<string, unknown>[]>;
}

const sqlite: Target = {
  name: "sqlite",
  url: async () => tempSqliteUrl(),
  query: async (url, sql) => {
    const d = new Database(sqlitePath(url));
    try {
      if (/^\s*select/i.test(sql)) return d.prepare(sql).all() as Record<string, unknown>[];
      d.exec(sql);
      return [];
    } finally {
      d.close();
    }
  },
};
const adminUrl = postgresAdminUrl();
const postgres: Target = {
  name: "postgresql",
  url: async () => {
    const { url, drop } = await tempPostgresDatabase(adminUrl!);
    cleanups.push(drop);
    return url;
  },
  query: async (url, sql) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  },
};

describe.each(adminUrl ? [sqlite, postgres] : [sqlite])("0003_security on $name", (t) => {
  it("renames stored write scopes, adds archivedAt, targetLabel and outcome, keeps audit rows append-only", async () => {
    const url = await t.url();
    await migrate(url, before0003());
    await t.query(
      url,
      `INSERT INTO "user" ("id", "name", "email", "updatedAt") VALUES ('u1', 'ada', 'ada@x.test', CURRENT_TIMESTAMP)`,
    );
    await t.query(
      url,
      `INSERT INTO "api_token" ("id", "name", "prefix", "hashedToken", "scopes", "userId") VALUES
       ('t1', 'ci', 'fd_a', 'h1', '["read","write"]', 'u1'), ('t2', 'ro', 'fd_b', 'h2', '["read"]', 'u1')`,
    );
    await t.query(
      url,
      `INSERT INTO "audit_event" ("id", "actorLabel", "action", "targetType") VALUES ('e1', 'ada', 'x', 'user')`,
    );
    // 0003 first, then the later streams' migrations (hosts 0004, …) in order, on top of it.
    const { applied } = await migrate(url, ROOT);
    expect(applied[0]).toBe("0003_security");
    expect(applied).toEqual([...applied].sort());
    expect(applied).toContain("0004_hosts");
    const scopes = await t.query(url, `SELECT "id", "scopes" FROM "api_token" ORDER BY "id"`);
    expect(scopes).toEqual([
      { id: "t1", scopes: '["read","instances:operate"]' },
      { id: "t2", scopes: '["read"]' },
    ]);
    expect(await t.query(url, `SELECT "outcome", "targetLabel" FROM "audit_event"`)).toEqual([
      { outcome: "ok", targetLabel: null },
    ]);
    expect(await t.query(url, `SELECT "archivedAt" FROM "layout"`)).toEqual([]);
    await expect(t.query(url, `UPDATE "audit_event" SET "outcome" = 'refused'`)).rejects.toThrow(/append-only/);
  });
});
