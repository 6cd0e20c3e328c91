import "server-only";
import type { DbClient } from "../db";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";

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
  return (await listUsersPage(client)).items;
}

/** Users, oldest first (a page of them for the API). */
export async function listUsersPage(client: DbClient, page?: PageRequest): Promise<PageOf<UserRow>> {
  const rows = await client.user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageArgs(page),
    include: { grants: { orderBy: { selector: "asc" } } },
  });
  const items = rows.map((u) => ({
    id: u.id,
    email: u.email,
    username: u.displayUsername ?? u.username ?? u.name,
    role: u.role,
    disabled: u.banned === true,
    grants: u.grants.map((g) => ({ id: g.id, selector: g.selector })),
    createdAt: u.createdAt,
  }));
  return pageOf(items, page);
}
