import "server-only";
import { parseRevisionDocument } from "../../layout/revision-document";
import type { HostRef } from "../../vocabulary/access";
import type { Layout } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";
import { placedHosts, toHostRef } from "./placed-hosts";

export interface LayoutAccess {
  id: string;
  name: string;
  ownerId: string | null;
  archivedAt: Date | null;
  latestNumber: number;
  /** The newest revision's document (null when it no longer parses). */
  latest: Layout | null;
  /** Where the layout reaches: hosts its newest revision places instances on, and hosts its applied instances run on. */
  hosts: HostRef[];
}

/** What deciding who may change a saved layout needs; null when there is no such layout. */
export async function findLayoutAccess(client: DbClient, layoutId: string): Promise<LayoutAccess | null> {
  const layout = await client.layout.findUnique({
    where: { id: layoutId },
    include: {
      revisions: { orderBy: { number: "desc" }, take: 1 },
      instances: { where: { hostId: { not: null } }, include: { host: true } },
    },
  });
  if (!layout) return null;
  const head = layout.revisions[0];
  const parsed = head ? parseRevisionDocument(head.document, `revision ${head.number} of "${layout.name}"`) : null;
  const latest = parsed?.ok ? parsed.layout : null;
  const hosts = new Map((await placedHosts(client, latest ? [latest] : [])).map((h) => [h.id, h]));
  for (const instance of layout.instances) if (instance.host) hosts.set(instance.host.id, toHostRef(instance.host));
  return {
    id: layout.id,
    name: layout.name,
    ownerId: layout.ownerId,
    archivedAt: layout.archivedAt,
    latestNumber: head?.number ?? 0,
    latest,
    hosts: [...hosts.values()],
  };
}
