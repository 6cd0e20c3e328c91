"use client";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/types";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import type { CreateLayoutInput } from "@/lib/actions/layouts/inputs";
import { Designer } from "./designer";
import { SaveDialog } from "./save-dialog";

type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;

/** A layout not saved yet (blank, from a template): "Save layout" creates it with revision 1. */
export function NewLayoutDesigner({ initial, createLayout }: { initial: Layout; createLayout: CreateLayout }) {
  const router = useRouter();
  return (
    <Designer
      initial={initial}
      actions={(state, markSaved) => (
        <SaveDialog
          trigger="Save layout"
          onSave={async (note) => {
            const result = await createLayout({ document: state.layout, note });
            if (result.ok) {
              markSaved();
              router.push(`/layouts/${result.data.id}`);
            }
            return result;
          }}
        />
      )}
    />
  );
}
