import "server-only";
import type { DbClient } from "../db";

export interface LayoutRow {
  id: string;
  name: string;
  updatedAt: Date;
  revisionCount: number;
  latestNote: string | null;
}

export async function listLayouts(client: DbClient): Promise<LayoutRow[]> {
  const layouts = await client.layout.findMany({
    orderBy: { updatedAt: "desc" },
    include: { revisions: { orderBy: { number: "desc" }, take: 1 }, _count: { select: { revisions: true } } },
  });
  return layouts.map((l) => ({
    id: l.id,
    name: l.name,
    updatedAt: l.updatedAt,
    revisionCount: l._count.revisions,
    latestNote: l.revisions[0]?.note ?? null,
  }));
}
