"use client";
import type { ReactNode } from "react";
import { canRedo, canUndo, isDirty } from "@/lib/designer/editor/reducer";
import { buttonClass } from "../ui/buttons";
import { TextField } from "../ui/edit-fields";
import { AddHostDialog } from "./add-host-dialog";
import { AutoPlaceDialog } from "./auto-place-dialog";
import { BindHostDialog } from "./bind-host-dialog";
import { ShareButton } from "./share-button";
import { useDesignerContext, useDesignerStable } from "./use-designer";

const reportName = (report: (key: string, problem: string | undefined) => void) => (error: string | undefined) =>
  report("layout/name", error && `the layout name: ${error}`);

/** Name, undo/redo, add host, auto-place, share, whatever saving the page offers, and (below 1280 px) the details. */
export function Toolbar({ children, onShowDetails }: { children?: ReactNode; onShowDetails: () => void }) {
  const { state, dispatch, readOnly, blockedBy } = useDesignerContext();
  const { reportField } = useDesignerStable();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end gap-2">
        {readOnly ? (
          <p className="w-full text-lg font-semibold sm:w-auto" data-testid="layout-name">
            {state.layout.name}
          </p>
        ) : (
          <div className="w-full sm:w-64">
            <TextField
              label="Layout name"
              value={state.layout.name}
              required
              onValidityChange={reportName(reportField)}
              onCommit={(name) => dispatch({ type: "rename", name })}
            />
          </div>
        )}
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
        <button type="button" className={`${buttonClass} xl:hidden`} onClick={onShowDetails}>
          Details
        </button>
        {!readOnly && isDirty(state) && (
          <span role="status" className="text-xs text-amber-800 dark:text-amber-300">
            Unsaved changes
          </span>
        )}
      </div>
      {!readOnly && blockedBy && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="save-blocked">
          Saving is blocked: {blockedBy}
        </p>
      )}
    </div>
  );
}
