import type { Metadata } from "next";
import { SharedLayoutView } from "@/components/designer/shared-layout-view";
import { PageHeader } from "@/components/ui/page-header";
import { createLayout } from "@/lib/actions/layouts/create-layout";

export const metadata: Metadata = { title: "Shared layout" };
export const dynamic = "force-dynamic";

/** A layout from a share link (#l=… or ?l=…), read-only, with "Save a copy". */
export default function SharePage() {
  return (
    <>
      <PageHeader title="Shared layout" description="Read-only: what the link holds. Save a copy to edit it." />
      <SharedLayoutView createLayout={createLayout} />
    </>
  );
}
