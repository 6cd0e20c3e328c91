import "server-only";
import type { DbClient } from "../db";

/** The scrypt hash of a user's password (better-auth's "credential" account), or null. */
export async function findPasswordHash(client: DbClient, userId: string): Promise<string | null> {
  const account = await client.account.findFirst({
    where: { userId, providerId: "credential" },
    select: { password: true },
  });
  return account?.password ?? null;
}
