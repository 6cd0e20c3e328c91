import "server-only";
import type { DbClient } from "../db";

/** Gives a lease up (a server shutting down), so another server need not wait for it to expire. */
export async function releaseLease(client: DbClient, name: string, holder: string): Promise<void> {
  await client.runtimeLease.deleteMany({ where: { name, holder } });
}
