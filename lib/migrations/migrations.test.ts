import Database from "better-sqlite3";
import pg from "pg";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../queries/db";
import { migrate, MigrationError, sqlitePath } from "./index";
import { postgresAdminUrl, tempPostgresDatabase, tempSqliteUrl } from "./testing/test-databases";

const BROKEN = join(import.meta.dirname, "testing/fixtures/broken");

interface Target {
  name: string;
  newDatabase(): Promise<string>;
  tables(url: string): Promise<string[]>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

const sqlite: Target = {
  name: "sqlite",
  newDatabase: async () => tempSqliteUrl(),
  tables: async (url) => {
    const d = new Database(sqlitePath(url), { readonly: true });
    const rows = d.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[];
    d.close();
    return rows.map((r) => r.name);
  },
};

const adminUrl = postgresAdminUrl();
const postgres: Target = {
  name: "postgresql",
  newDatabase: async () => {
    const { url, drop } = await tempPostgresDatabase(adminUrl!);
    cleanups.push(drop);
    return url;
  },
  tables: async (url) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    await c.end();
    return rows.map((r) => r.tablename);
  },
};

const targets = adminUrl ? [sqlite, postgres] : [sqlite];

describe.each(targets)("migrations on $name", (target) => {
  it("creates every table once and is idempotent", async () => {
    const url = await target.newDatabase();
    const first = await migrate(url);
    expect(first.applied[0]).toBe("0001_init");
    expect(first.alreadyApplied).toEqual([]);
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(await target.tables(url)).toEqual(
      expect.arrayContaining([
        "_fleetdeck_migrations",
        "user",
        "session",
        "account",
        "host",
        "gpu",
        "layout",
        "layout_revision",
        "instance",
        "audit_event",
        "api_token",
        "secret",
      ]),
    );
  });

  it("serves the Prisma client after migrating (write and read back)", async () => {
    const url = await target.newDatabase();
    await migrate(url);
    const db = createDb(url);
    const layout = await db.layout.create({
      data: { name: "plan A", revisions: { create: { number: 1, document: "{}", note: "first" } } },
    });
    await db.host.create({
      data: { name: "gpu-01", endpoint: "unix:///var/run/docker.sock", ramBytes: 256n * 2n ** 30n, cpuCores: 64 },
    });
    const back = await db.layout.findUniqueOrThrow({ where: { id: layout.id }, include: { revisions: true } });
    expect(back.revisions[0]?.note).toBe("first");
    expect((await db.host.findFirstOrThrow()).ramBytes).toBe(256n * 2n ** 30n);
    await db.$disconnect();
  });

  it("rolls back a failed migration and names it", async () => {
    const url = await target.newDatabase();
    const run = migrate(url, BROKEN);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(url, BROKEN)).rejects.toThrow(/migration 0002_broken failed and was rolled back/);
    const tables = await target.tables(url);
    expect(tables).toContain("kept");
    expect(tables).not.toContain("half_done");
  });

  it("refuses a migration edited after it was applied", async () => {
    const root = mkdtempSync(join(tmpdir(), "fleetdeck-mig-"));
    cpSync(join(BROKEN, target.name, "0001_ok"), join(root, target.name, "0001_ok"), { recursive: true });
    const url = await target.newDatabase();
    await migrate(url, root);
    writeFileSync(join(root, target.name, "0001_ok/migration.sql"), 'CREATE TABLE "kept" ("id" INTEGER);');
    await expect(migrate(url, root)).rejects.toThrow(/0001_ok was edited after it was applied/);
  });
});
