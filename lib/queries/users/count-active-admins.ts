import "server-only";
import type { DbClient } from "../db";

/** How many admins are not banned (the last one may not be demoted). */
export function countActiveAdmins(client: DbClient): Promise<number> {
  return client.user.count({ where: { role: "admin", banned: { not: true } } });
}
