import "server-only";
import type { DbClient } from "../db";

/** A saved layout's name and the number of its newest revision (0 when it has none), or null. */
export async function findLayoutHead(
  client: DbClient,
  layoutId: string,
): Promise<{ id: string; name: string; latestNumber: number } | null> {
  const layout = await client.layout.findUnique({
    where: { id: layoutId },
    include: { revisions: { orderBy: { number: "desc" }, take: 1 } },
  });
  return layout ? { id: layout.id, name: layout.name, latestNumber: layout.revisions[0]?.number ?? 0 } : null;
}
