"use client";
import { useRouter } from "next/navigation";
import type { CreateLayoutInput } from "@/lib/actions/layouts/inputs";
import type { ActionResult } from "@/lib/actions/types";
import type { DesignerAccess } from "@/lib/designer/access";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import { Designer } from "./designer";
import { SaveDialog } from "./save-dialog";

type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;

/** A layout not saved yet (blank, from a template): "Save layout" creates it with revision 1. */
export function NewLayoutDesigner({
  initial,
  createLayout,
  access,
  vramCeiling,
}: {
  initial: Layout;
  createLayout: CreateLayout;
  access: DesignerAccess;
  vramCeiling: number;
}) {
  const router = useRouter();
  return (
    <Designer
      initial={initial}
      access={access}
      vramCeiling={vramCeiling}
      actions={({ state, markSaved, blockedBy, readOnly }) =>
        !readOnly && (
          <SaveDialog
            trigger="Save layout"
            disabled={blockedBy !== null}
            onSave={async (note) => {
              const result = await createLayout({ document: state.layout, note });
              if (result.ok) {
                markSaved();
                router.push(`/layouts/${result.data.id}`);
              }
              return result;
            }}
          />
        )
      }
    />
  );
}
