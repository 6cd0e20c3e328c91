import type { Metadata } from "next";
import Link from "next/link";
import { Designer } from "@/components/designer/designer";
import { buttonClass } from "@/components/ui/buttons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead } from "@/lib/auth/authorize";
import { getRevision } from "@/lib/queries/layouts/get-revision";
import { getDesignerSettings } from "@/lib/queries/settings/get-designer-settings";

export const metadata: Metadata = { title: "Layout revision" };
export const dynamic = "force-dynamic";

/** The permalink of one immutable revision: the grid read-only, who saved it and when. */
export default async function RevisionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const { result, settings } = await authorizedRead("layout.read", { type: "layout", id }, async (client) => ({
    result: await getRevision(client, id, Number(number)),
    settings: await getDesignerSettings(client),
  }));
  if (!result.ok) return <EmptyState title="Revision not found">{result.error}</EmptyState>;
  const { revision, layoutName, latestNumber } = result;
  return (
    <>
      <PageHeader
        title={`${layoutName}, revision ${revision.number}`}
        description={`${revision.note || "No note"} · by ${revision.authorName ?? "unknown"} · ${revision.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · read-only`}
        actions={
          <>
            <Link className={buttonClass} href={`/layouts/${id}`}>
              Open the layout
            </Link>
            {revision.number > 1 && (
              <Link
                className={buttonClass}
                href={`/layouts/${id}/diff?from=${revision.number - 1}&to=${revision.number}`}
              >
                Changes from revision {revision.number - 1}
              </Link>
            )}
            {revision.number < latestNumber && (
              <Link className={buttonClass} href={`/layouts/${id}/diff?from=${revision.number}&to=${latestNumber}`}>
                Compare with latest ({latestNumber})
              </Link>
            )}
          </>
        }
      />
      <Designer
        initial={revision.layout}
        vramCeiling={settings.vramCeiling}
        readOnlyReason={`Revision ${revision.number} is a permalink: it never changes. The layout holds the newest revision.`}
      />
    </>
  );
}
