import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** A fresh SQLite file URL in a temp dir. */
export function tempSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "fleetdeck-")), "test.db")}`;
}

/**
 * The real Postgres started by scripts/test-env.sh. Under CI a missing server is a failure,
 * never a silent skip.
 */
export function postgresAdminUrl(): string | undefined {
  const url = process.env.FLEETDECK_TEST_POSTGRES_URL;
  if (!url && process.env.CI)
    throw new Error(
      "FLEETDECK_TEST_POSTGRES_URL is not set: run the tests through `npm test` (scripts/test-env.sh starts Postgres)",
    );
  return url;
}

/** Creates an empty database on the test server and returns its URL and a function that drops it. */
export async function tempPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fd_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The databases a migration test runs on: a temp SQLite file, and a temp Postgres database when the test Postgres
 * answers. Each Postgres database is dropped by `dropAll` (call it in afterAll).
 */
export function migrationTargets(): {
  targets: { name: string; url: () => Promise<string> }[];
  dropAll: () => Promise<void>;
} {
  const drops: (() => Promise<void>)[] = [];
  const adminUrl = postgresAdminUrl();
  const postgres = {
    name: "postgresql",
    url: async () => {
      const { url, drop } = await tempPostgresDatabase(adminUrl!);
      drops.push(drop);
      return url;
    },
  };
  return {
    targets: [{ name: "sqlite", url: async () => tempSqliteUrl() }, ...(adminUrl ? [postgres] : [])],
    dropAll: async () => {
      for (const drop of drops) await drop();
    },
  };
}
