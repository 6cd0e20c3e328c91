"use client";
import { useRouter } from "next/navigation";
import type { CreateLayoutInput } from "@/lib/actions/layouts/inputs";
import type { ActionResult } from "@/lib/actions/types";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import { SaveDialog } from "./save-dialog";

type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;

/** "Save a copy": a new layout (revision 1) from one the person may read but not change, opened once saved. */
export function SaveCopyDialog({
  layout,
  createLayout,
  note = "Saved as a copy",
}: {
  layout: Layout;
  createLayout: CreateLayout;
  note?: string;
}) {
  const router = useRouter();
  return (
    <SaveDialog
      trigger="Save a copy"
      onSave={async (text) => {
        const result = await createLayout({ document: layout, note: text || note });
        if (result.ok) router.push(`/layouts/${result.data.id}`);
        return result;
      }}
    />
  );
}
