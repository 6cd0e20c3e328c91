import "server-only";
import type { DbClient } from "../db";

/**
 * Deletes a user with their sessions, password, API tokens and grants (cascades). Their layouts stay, without an
 * owner; the audit log keeps their id and name.
 */
export async function deleteUser(client: DbClient, userId: string): Promise<void> {
  await client.layout.updateMany({ where: { ownerId: userId }, data: { ownerId: null } });
  await client.user.delete({ where: { id: userId } });
}
