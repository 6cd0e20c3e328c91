import pg from "pg";
import type { MigrationDriver } from "./runner";

const TABLE = `CREATE TABLE IF NOT EXISTS "_fleetdeck_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`;
/** Serializes concurrent start-ups: the same arbitrary key for every fleetdeck process. */
const LOCK_KEY = 461_730_221;

export async function postgresDriver(connectionString: string): Promise<MigrationDriver> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async ensureTable() {
      await client.query(TABLE);
    },
    async applied() {
      const { rows } = await client.query<{ name: string; checksum: string }>(
        `SELECT "name", "checksum" FROM "_fleetdeck_migrations" ORDER BY "name"`,
      );
      return rows;
    },
    async transaction(work) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
        await work({
          exec: async (sql) => void (await client.query(sql)),
          record: async (m) =>
            void (await client.query(
              `INSERT INTO "_fleetdeck_migrations" ("name", "checksum") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING`,
              [m.name, m.checksum],
            )),
        });
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
    async close() {
      await client.end();
    },
  };
}
