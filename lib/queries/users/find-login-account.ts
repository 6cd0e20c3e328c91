import "server-only";
import type { DbClient } from "../db";

export interface LoginAccount {
  id: string;
  email: string;
  username: string | null;
  banned: boolean | null;
}

/** The account an email or a username names (case-insensitive, as typed at sign-in), or null. */
export function findLoginAccount(client: DbClient, identifier: string): Promise<LoginAccount | null> {
  const typed = identifier.trim().toLowerCase();
  return client.user.findFirst({
    where: typed.includes("@") ? { email: typed } : { username: typed },
    select: { id: true, email: true, username: true, banned: true },
  });
}
