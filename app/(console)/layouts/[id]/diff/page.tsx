import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/designer/diff-view";
import { buttonClass } from "@/components/ui/buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead } from "@/lib/auth/authorize";
import { layoutExists } from "@/lib/queries/layouts/layout-exists";
import { getRevision } from "@/lib/queries/layouts/get-revision";

export const metadata: Metadata = { title: "Compare revisions" };
export const dynamic = "force-dynamic";

/** /layouts/[id]/diff?from=1&to=2: what changed between two revisions, with budgets before and after. */
export default async function DiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { id } = await params;
  const { from, to } = await searchParams;
  const exists = await authorizedRead("layout.read", { type: "layout", id }, (client) => layoutExists(client, id));
  if (!exists) notFound();
  if (!from || !to)
    return (
      <EmptyState title="Pick two revisions">
        Open the layout and use "Compare revisions", or add ?from=1&amp;to=2 to the address.
      </EmptyState>
    );
  const [a, b] = await authorizedRead("layout.read", { type: "layout", id }, (client) =>
    Promise.all([getRevision(client, id, Number(from)), getRevision(client, id, Number(to))]),
  );
  if ((!a.ok && a.missing) || (!b.ok && b.missing)) notFound();
  if (!a.ok || !b.ok) return <EmptyState title="Cannot compare">{!a.ok ? a.error : !b.ok ? b.error : ""}</EmptyState>;
  return (
    <>
      <PageHeader
        title={`${b.layoutName}: revision ${a.revision.number} → ${b.revision.number}`}
        description={`${a.revision.note || "no note"} → ${b.revision.note || "no note"}`}
        actions={
          <Link className={buttonClass} href={`/layouts/${id}`}>
            Open the layout
          </Link>
        }
      />
      <DiffView
        before={a.revision.layout}
        after={b.revision.layout}
        fromLabel={`revision ${a.revision.number}`}
        toLabel={`revision ${b.revision.number}`}
      />
    </>
  );
}
