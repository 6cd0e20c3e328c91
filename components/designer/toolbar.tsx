"use client";
import type { ReactNode } from "react";
import { canRedo, canUndo, isDirty } from "@/lib/designer/editor/reducer";
import { AddHostDialog } from "./add-host-dialog";
import { AutoPlaceDialog } from "./auto-place-dialog";
import { BindHostDialog } from "./bind-host-dialog";
import { buttonClass } from "../ui/buttons";
import { TextField } from "../ui/edit-fields";
import { ShareButton } from "./share-button";
import { useDesignerContext } from "./use-designer";

/** Name, undo/redo, add host, auto-place, share, and whatever saving the page offers. */
export function Toolbar({ children }: { children?: ReactNode }) {
  const { state, dispatch, readOnly } = useDesignerContext();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="w-64">
        <TextField
          label="Layout name"
          value={state.layout.name}
          disabled={readOnly}
          onCommit={(name) => dispatch({ type: "rename", name })}
        />
      </div>
      {!readOnly && (
        <>
          <button
            type="button"
            className={buttonClass}
            disabled={!canUndo(state)}
            onClick={() => dispatch({ type: "undo" })}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={!canRedo(state)}
            onClick={() => dispatch({ type: "redo" })}
            aria-keyshortcuts="Control+Shift+Z"
          >
            Redo
          </button>
          <AddHostDialog />
          <BindHostDialog />
          <AutoPlaceDialog />
        </>
      )}
      <ShareButton />
      {children}
      {!readOnly && isDirty(state) && (
        <span role="status" className="text-xs text-amber-700 dark:text-amber-400">
          Unsaved changes
        </span>
      )}
    </div>
  );
}
