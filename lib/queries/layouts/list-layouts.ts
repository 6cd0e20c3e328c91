import "server-only";
import type { DbClient } from "../db";
import { type PageOf, type PageRequest, pageArgs, pageOf } from "../page";

export interface LayoutRow {
  id: string;
  name: string;
  ownerId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  revisionCount: number;
  latestNote: string | null;
}

export interface ListLayoutsOptions {
  /** true: only archived layouts; false (default): only the others. */
  archived?: boolean;
  /** A page in creation order (newest first), for the API; without it, every layout, last changed first. */
  page?: PageRequest;
}

export async function listLayouts(client: DbClient, options: ListLayoutsOptions = {}): Promise<LayoutRow[]> {
  return (await listLayoutsPage(client, options)).items;
}

export async function listLayoutsPage(client: DbClient, options: ListLayoutsOptions = {}): Promise<PageOf<LayoutRow>> {
  const layouts = await client.layout.findMany({
    where: { archivedAt: options.archived ? { not: null } : null },
    orderBy: options.page ? [{ createdAt: "desc" }, { id: "desc" }] : [{ updatedAt: "desc" }],
    ...pageArgs(options.page),
    include: { revisions: { orderBy: { number: "desc" }, take: 1 }, _count: { select: { revisions: true } } },
  });
  const rows = layouts.map((l) => ({
    id: l.id,
    name: l.name,
    ownerId: l.ownerId,
    archivedAt: l.archivedAt,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    revisionCount: l._count.revisions,
    latestNote: l.revisions[0]?.note ?? null,
  }));
  return pageOf(rows, options.page);
}
