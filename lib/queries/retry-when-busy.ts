/**
 * SQLite allows one writer. A deferred transaction that read before another process (the server, while `cli admin`
 * runs) committed a write cannot upgrade its stale snapshot: SQLite answers SQLITE_BUSY at once, without waiting, and
 * Prisma reports it as P1008 "Operation has timed out". Running the whole transaction again reads the new snapshot.
 */
import type { Db } from "./db";

const BUSY_CODE = "P1008";

const isBusy = (err: unknown): boolean =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === BUSY_CODE;

export async function retryWhenBusy<T>(
  work: () => Promise<T>,
  { attempts = 6, firstDelayMs = 50 }: { attempts?: number; firstDelayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isBusy(err) || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Makes a transaction a writer before it reads: a no-op UPDATE takes SQLite's write lock at once, waiting for another
 * process's writer (busy_timeout) instead of failing later on a stale snapshot. Harmless on PostgreSQL.
 */
export async function takeWriteLock(tx: Pick<Db, "$executeRawUnsafe">): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE "_fleetdeck_migrations" SET "name" = "name" WHERE 1 = 0`);
}
