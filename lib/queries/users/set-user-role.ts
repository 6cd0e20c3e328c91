import "server-only";
import type { Role } from "../../vocabulary/access";
import type { DbClient } from "../db";

export async function setUserRole(client: DbClient, userId: string, role: Role): Promise<void> {
  await client.user.update({ where: { id: userId }, data: { role } });
}
