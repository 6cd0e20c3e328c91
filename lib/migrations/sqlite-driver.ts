import Database from "better-sqlite3";
import type { MigrationDriver } from "./runner";

const TABLE = `CREATE TABLE IF NOT EXISTS "_fleetdeck_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

export function sqliteDriver(path: string): MigrationDriver {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return {
    async ensureTable() {
      db.exec(TABLE);
    },
    async applied() {
      return db.prepare(`SELECT "name", "checksum" FROM "_fleetdeck_migrations" ORDER BY "name"`).all() as {
        name: string;
        checksum: string;
      }[];
    },
    async transaction(work) {
      db.exec("BEGIN IMMEDIATE");
      try {
        await work({
          exec: async (sql) => void db.exec(sql),
          record: async (m) =>
            void db
              .prepare(`INSERT INTO "_fleetdeck_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`)
              .run(m.name, m.checksum, new Date().toISOString()),
        });
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        throw err;
      }
    },
    async close() {
      db.close();
    },
  };
}
