import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "../generated/prisma-pg/client";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { env } from "../server/env";
import { providerOf, sqlitePath } from "../migrations";

/** The Prisma client; both providers share one schema, so the SQLite client's type stands for both. */
export type Db = SqliteClient;

/** What a query runs on: the client, or a transaction's client (a server action passes its own, so the audit row joins it). */
export type DbClient = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    return new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  // Wait up to 15 s for another writer's lock (the server and `cli admin` share one file; the default 5 s ran out on
  // a loaded machine, and SQLITE_BUSY reaches callers as "Operation has timed out").
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl), timeout: 15_000 }) });
}

const holder = globalThis as typeof globalThis & { __fleetdeckDb?: Db };

export function db(): Db {
  holder.__fleetdeckDb ??= createDb(env().DATABASE_URL);
  return holder.__fleetdeckDb;
}
