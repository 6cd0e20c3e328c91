import "server-only";
import type { DbClient } from "../db";

export interface UserRecord {
  id: string;
  email: string;
  username: string | null;
  role: string;
  banned: boolean | null;
}

/** One user by id, or null. */
export function findUser(client: DbClient, userId: string): Promise<UserRecord | null> {
  return client.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, username: true, role: true, banned: true },
  });
}
