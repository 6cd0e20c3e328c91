import "server-only";
import type { DbClient } from "../db";

/** Ends every session of a user; returns how many there were. */
export async function deleteUserSessions(client: DbClient, userId: string): Promise<number> {
  const { count } = await client.session.deleteMany({ where: { userId } });
  return count;
}
