import "server-only";
import type { DbClient } from "../db";

/** The names to show for revision authors, by user id. */
export async function authorNames(client: DbClient, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await client.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, username: true },
  });
  return new Map(users.map((u) => [u.id, u.username ?? u.name]));
}
