import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, primaryButtonClass } from "@/components/ui/buttons";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead } from "@/lib/auth/authorize";
import { formatRelativeTime } from "@/lib/format";
import { TEMPLATES } from "@/lib/layout/templates";
import { listLayouts } from "@/lib/queries/layouts/list-layouts";

export const metadata: Metadata = { title: "Layouts" };
export const dynamic = "force-dynamic";

export default async function LayoutsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const archived = (await searchParams).archived === "1";
  const layouts = await authorizedRead("layout.read", { type: "global" }, (client) =>
    listLayouts(client, { archived }),
  );
  return (
    <>
      <PageHeader
        title="Layouts"
        description={
          archived
            ? "Archived layouts keep every revision; open one to restore it."
            : "Plans of which model runs on which GPUs, with their memory budgets and revisions."
        }
        actions={
          <>
            <Link href={archived ? "/layouts" : "/layouts?archived=1"} className={buttonClass}>
              {archived ? "Back to layouts" : "Archived layouts"}
            </Link>
            <Link href="/layouts/new" className={primaryButtonClass}>
              New layout
            </Link>
          </>
        }
      />
      {layouts.length === 0 ? (
        <EmptyState title={archived ? "No archived layouts" : "No layouts yet"}>
          A saved layout keeps every revision, so you can compare and share any of them.
        </EmptyState>
      ) : (
        <DataTable
          caption="Layouts"
          rows={layouts}
          rowKey={(l) => l.id}
          columns={[
            {
              header: "Name",
              cell: (l) => (
                <Link href={`/layouts/${l.id}`} className="font-medium underline">
                  {l.name}
                </Link>
              ),
            },
            { header: "Revisions", cell: (l) => l.revisionCount },
            { header: "Latest note", cell: (l) => l.latestNote || "—" },
            { header: "Updated", cell: (l) => formatRelativeTime(l.updatedAt) },
          ]}
        />
      )}
      <section aria-labelledby="templates-heading" className="mt-8">
        <h2 id="templates-heading" className="mb-3 text-lg font-semibold">
          From template
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {TEMPLATES.map((t) => (
            <li
              key={t.id}
              className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
            >
              <Link href={`/layouts/new?template=${encodeURIComponent(t.id)}`} className="font-medium underline">
                {t.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
