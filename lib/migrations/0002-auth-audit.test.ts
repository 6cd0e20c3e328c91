import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, sqlitePath } from "./";
import { postgresAdminUrl, tempPostgresDatabase, tempSqliteUrl } from "./testing/test-databases";

/** 0002_auth_audit on both providers: applies after 0001, makes audit_event append-only, adds the indexes. */

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

interface Target {
  name: string;
  url(): Promise<string>;
  exec(url: string, sql: string): Promise<void>;
  indexes(url: string): Promise<string[]>;
}

const sqlite: Target = {
  name: "sqlite",
  url: async () => tempSqliteUrl(),
  exec: async (url, sql) => {
    const d = new Database(sqlitePath(url));
    try {
      d.exec(sql);
    } finally {
      d.close();
    }
  },
  indexes: async (url) => {
    const d = new Database(sqlitePath(url), { readonly: true });
    const rows = d.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[];
    d.close();
    return rows.map((r) => r.name);
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
  exec: async (url, sql) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  },
  indexes: async (url) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`,
    );
    await c.end();
    return rows.map((r) => r.indexname);
  },
};

describe.each(adminUrl ? [sqlite, postgres] : [sqlite])("0002_auth_audit on $name", (t) => {
  it("applies after 0001 and is idempotent", async () => {
    const url = await t.url();
    expect((await migrate(url)).applied).toEqual(expect.arrayContaining(["0001_init", "0002_auth_audit"]));
    expect((await migrate(url)).applied).toEqual([]);
    expect(await t.indexes(url)).toEqual(
      expect.arrayContaining(["audit_event_targetType_targetId_idx", "api_token_prefix_idx"]),
    );
  });

  it("lets rows be inserted but never changed or deleted", async () => {
    const url = await t.url();
    await migrate(url);
    await t.exec(
      url,
      `INSERT INTO "audit_event" ("id", "actorLabel", "action", "targetType") VALUES ('e1', 'ada', 'user.create', 'user')`,
    );
    await expect(t.exec(url, `UPDATE "audit_event" SET "actorLabel" = 'mallory' WHERE "id" = 'e1'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.exec(url, `DELETE FROM "audit_event" WHERE "id" = 'e1'`)).rejects.toThrow(/append-only/);
  });
});
