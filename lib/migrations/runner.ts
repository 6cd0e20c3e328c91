import type { MigrationFile } from "./files";

/** What a provider must offer to apply migrations: each `transaction` commits or rolls back as a whole. */
export interface MigrationDriver {
  ensureTable(): Promise<void>;
  applied(): Promise<{ name: string; checksum: string }[]>;
  transaction(
    work: (tx: { exec(sql: string): Promise<void>; record(m: MigrationFile): Promise<void> }) => Promise<void>,
  ): Promise<void>;
  close(): Promise<void>;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies the pending migrations in order, each in its own transaction, recorded in
 * `_fleetdeck_migrations`. A failed migration is rolled back and named; one that changed
 * after it was applied stops everything.
 */
export async function runMigrations(driver: MigrationDriver, files: MigrationFile[]): Promise<MigrationReport> {
  await driver.ensureTable();
  const done = new Map((await driver.applied()).map((m) => [m.name, m.checksum]));
  for (const [name, checksum] of done) {
    const file = files.find((f) => f.name === name);
    if (file && file.checksum !== checksum) {
      throw new MigrationError(
        name,
        `migration ${name} was edited after it was applied: restore it and add a new migration instead`,
      );
    }
  }
  const report: MigrationReport = {
    applied: [],
    alreadyApplied: files.filter((f) => done.has(f.name)).map((f) => f.name),
  };
  for (const file of files.filter((f) => !done.has(f.name))) {
    try {
      await driver.transaction(async (tx) => {
        await tx.exec(file.sql);
        await tx.record(file);
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new MigrationError(
        file.name,
        `migration ${file.name} failed and was rolled back (the database is as it was before it): ${reason}`,
      );
    }
    report.applied.push(file.name);
  }
  return report;
}
