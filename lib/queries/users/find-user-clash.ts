import "server-only";
import type { DbClient } from "../db";

/** Which field of a new account is already taken by another user ("email" first), or null. */
export async function findUserClash(
  client: DbClient,
  email: string,
  username: string,
): Promise<"email" | "username" | null> {
  const clash = await client.user.findFirst({
    where: { OR: [{ email }, { username: username.toLowerCase() }] },
    select: { email: true },
  });
  if (!clash) return null;
  return clash.email === email ? "email" : "username";
}
