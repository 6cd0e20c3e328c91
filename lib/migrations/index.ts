import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { readMigrations, type Provider } from "./files";
import { postgresDriver } from "./postgres-driver";
import { runMigrations, type MigrationReport } from "./runner";
import { sqliteDriver } from "./sqlite-driver";

export { MigrationError } from "./runner";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** `file:./data/x.db` → `./data/x.db` */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/** Applies pending migrations to the database at `databaseUrl`; safe to call on every start. */
export async function migrate(
  databaseUrl: string,
  migrationsRoot = join(process.cwd(), "prisma/migrations"),
): Promise<MigrationReport> {
  const provider = providerOf(databaseUrl);
  const files = readMigrations(migrationsRoot, provider);
  if (provider === "sqlite") mkdirSync(dirname(sqlitePath(databaseUrl)), { recursive: true });
  const driver = provider === "sqlite" ? sqliteDriver(sqlitePath(databaseUrl)) : await postgresDriver(databaseUrl);
  try {
    return await runMigrations(driver, files);
  } finally {
    await driver.close();
  }
}
