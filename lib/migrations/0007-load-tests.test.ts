import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, sqlitePath } from "./";
import { postgresAdminUrl, tempPostgresDatabase, tempSqliteUrl } from "./testing/test-databases";

/** 0007_load_tests on both providers: the table, its indexes, and runs that go with their instance. */

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

interface Target {
  name: string;
  url(): Promise<string>;
  run(url: string, sql: string): Promise<unknown[]>;
}

const sqlite: Target = {
  name: "sqlite",
  url: async () => tempSqliteUrl(),
  run: async (url, sql) => {
    const d = new Database(sqlitePath(url));
    d.pragma("foreign_keys = ON");
    try {
      const statements = sql.split(";").filter((s) => s.trim());
      let rows: unknown[] = [];
      for (const s of statements) {
        const st = d.prepare(s);
        if (st.reader) rows = st.all();
        else {
          st.run();
          rows = [];
        }
      }
      return rows;
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
  run: async (url, sql) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const results = await c.query(sql);
      const last = Array.isArray(results) ? results.at(-1) : results;
      return last?.rows ?? [];
    } finally {
      await c.end();
    }
  },
};

describe.each(adminUrl ? [sqlite, postgres] : [sqlite])("0007_load_tests on $name", (t) => {
  it("applies after the earlier migrations; a run goes when its instance goes", async () => {
    const url = await t.url();
    expect((await migrate(url)).applied).toContain("0007_load_tests");
    expect((await migrate(url)).applied).toEqual([]);
    await t.run(
      url,
      `INSERT INTO "layout" ("id", "name", "updatedAt") VALUES ('l1', 'plan', CURRENT_TIMESTAMP);
       INSERT INTO "instance" ("id", "layoutId", "instanceKey", "revisionId", "spec", "updatedAt") VALUES ('i1', 'l1', 'qwen', 'r1', '{}', CURRENT_TIMESTAMP);
       INSERT INTO "load_test_run" ("id", "instanceId", "revisionId", "target", "params", "startedByLabel") VALUES ('run1', 'i1', 'r1', '{}', '{}', 'ada')`,
    );
    expect(await t.run(url, `SELECT "status", "replica", "label" FROM "load_test_run"`)).toEqual([
      { status: "running", replica: 0, label: "" },
    ]);
    await t.run(url, `DELETE FROM "instance" WHERE "id" = 'i1'`);
    expect(await t.run(url, `SELECT "id" FROM "load_test_run"`)).toEqual([]);
  });
});
