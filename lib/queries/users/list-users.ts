import "server-only";
import type { DbClient } from "../db";

export interface UserRow {
  id: string;
  email: string;
  username: string;
  role: string;
  disabled: boolean;
  grants: { id: string; selector: string }[];
  createdAt: Date;
}

export async function listUsers(client: DbClient): Promise<UserRow[]> {
  const rows = await client.user.findMany({
    orderBy: { createdAt: "asc" },
    include: { grants: { orderBy: { selector: "asc" } } },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    username: u.displayUsername ?? u.username ?? u.name,
    role: u.role,
    disabled: u.banned === true,
    grants: u.grants.map((g) => ({ id: g.id, selector: g.selector })),
    createdAt: u.createdAt,
  }));
}
