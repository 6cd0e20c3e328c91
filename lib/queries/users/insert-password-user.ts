import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "../../vocabulary/access";
import type { DbClient } from "../db";

/** Inserts a user with a password the way better-auth stores one: a "credential" account holding the hash. */
export async function insertPasswordUser(
  client: DbClient,
  user: { id: string; email: string; username: string; role: Role; passwordHash: string },
): Promise<void> {
  await client.user.create({
    data: {
      id: user.id,
      name: user.username,
      email: user.email,
      emailVerified: false,
      username: user.username.toLowerCase(),
      displayUsername: user.username,
      role: user.role,
    },
  });
  await client.account.create({
    data: {
      id: randomUUID(),
      accountId: user.id,
      providerId: "credential",
      userId: user.id,
      password: user.passwordHash,
    },
  });
}
