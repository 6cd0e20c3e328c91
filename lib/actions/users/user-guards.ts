import "server-only";
import type { DbClient } from "../../queries/db";
import { countActiveAdmins } from "../../queries/users/count-active-admins";
import { findUser, type UserRecord } from "../../queries/users/find-user";
import { ActionError } from "../../server/action-error";
import type { Actor } from "../../vocabulary/access";

export async function existingUser(client: DbClient, userId: string): Promise<UserRecord> {
  const user = await findUser(client, userId);
  if (!user)
    throw new ActionError(`User ${userId} does not exist: list users with GET /api/v1/users.`, { status: 404 });
  return user;
}

/** Nobody locks themselves out, and there is always an active admin left. */
export async function assertNotSelfOrLastAdmin(client: DbClient, actor: Actor, user: UserRecord, verb: string) {
  if (user.id === actor.userId)
    throw new ActionError(`You can't ${verb} yourself: ask another admin.`, { status: 409 });
  if (user.role === "admin" && !user.banned && (await countActiveAdmins(client)) <= 1)
    throw new ActionError(`${user.username ?? user.email} is the last admin: make someone else an admin first.`, {
      status: 409,
    });
}

export const labelOf = (user: UserRecord): string => user.username ?? user.email;
