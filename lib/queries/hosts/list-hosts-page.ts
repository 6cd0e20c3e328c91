import "server-only";
import type { DbClient } from "../db";
import { type HostView, hostViewInclude, toHostView } from "./host-view";

export interface HostPage {
  items: HostView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One page of hosts ordered by id, starting after `cursor` (a host id from the previous page's nextCursor). */
export async function listHostsPage(
  client: DbClient,
  { cursor, limit }: { cursor?: string; limit: number },
): Promise<HostPage> {
  const rows = await client.host.findMany({
    include: hostViewInclude,
    orderBy: { id: "asc" },
    where: cursor ? { id: { gt: cursor } } : undefined,
    take: limit + 1,
  });
  const items = rows.slice(0, limit).map(toHostView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
