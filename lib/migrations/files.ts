import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Provider = "sqlite" | "postgresql";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

const NAME = /^\d{4}_[a-z0-9_]+$/;

/** The migrations of one provider, in order: prisma/migrations/<provider>/<NNNN_name>/migration.sql. */
export function readMigrations(root: string, provider: Provider): MigrationFile[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}: run fleetdeck from its repository root`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && NAME.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
