"use client";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { BudgetLegend } from "@/components/budget/budget-legend";
import { LayoutGrid } from "@/components/grid/layout-grid";
import { EmptyState } from "@/components/ui/empty-state";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import type { EditorState } from "@/lib/designer/editor/types";
import { SidePanel } from "./side-panel";
import { SummaryBar } from "./summary-bar";
import { Toolbar } from "./toolbar";
import {
  DesignerContext,
  type DesignerContextValue,
  type DesignerStable,
  DesignerStableContext,
  useDesigner,
} from "./use-designer";

export interface DesignerProps {
  initial: Layout;
  readOnly?: boolean;
  /** Save buttons and links the page adds to the toolbar; they get the current editor state. */
  actions?: (state: EditorState, markSaved: () => void) => ReactNode;
}

/** The layout designer: toolbar, pinned legend, summary, the grid of hosts × GPUs, and the side panel. */
export function Designer({ initial, readOnly = false, actions }: DesignerProps) {
  const { state, dispatch, design } = useDesigner(initial);
  const [composing, setComposing] = useState(false);
  const context = useMemo<DesignerContextValue>(
    () => ({ state, design, dispatch, readOnly }),
    [state, design, dispatch, readOnly],
  );
  const latest = useRef(context);
  useLayoutEffect(() => {
    latest.current = context;
  }, [context]);
  const stable = useMemo<DesignerStable>(
    () => ({ dispatch, readOnly, latest: () => latest.current }),
    [dispatch, readOnly],
  );
  const markSaved = useCallback(() => dispatch({ type: "mark-saved" }), [dispatch]);

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as Element).closest("input, textarea, select, [contenteditable]");
      if (typing || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) dispatch({ type: "undo" });
      else if ((key === "z" && e.shiftKey) || key === "y") dispatch({ type: "redo" });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dispatch, readOnly]);

  const onOpenNew = useCallback(() => {
    setComposing(true);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[aria-label="New instance"] [role="combobox"]')?.focus(),
    );
  }, []);
  useEffect(() => {
    if (!state.selection) setComposing(false);
  }, [state.selection]);

  // The changing context wraps only the toolbar and the side panel, never the grid: when a context value changes,
  // React walks every memoized subtree under its provider looking for readers — thousands of grid fibers per edit.
  return (
    <DesignerStableContext.Provider value={stable}>
      <div className="space-y-3">
        <DesignerContext.Provider value={context}>
          <Toolbar>{actions?.(state, markSaved)}</Toolbar>
        </DesignerContext.Provider>
        <SummaryBar summary={design.summary} />
        <div className="sticky top-0 z-20 -mx-1 bg-slate-50/95 px-1 py-1 dark:bg-slate-950/95">
          <BudgetLegend />
        </div>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="min-w-0 overflow-x-auto pb-2">
            {design.rows.length === 0 ? (
              <EmptyState title="No hosts">
                {readOnly ? "This layout has no hosts." : "Add a planned host (Add host) to start placing instances."}
              </EmptyState>
            ) : (
              <LayoutGrid
                rows={design.rows}
                selection={state.selection}
                openInstanceId={state.openInstanceId}
                readOnly={readOnly}
                dispatch={dispatch}
                onOpenNew={onOpenNew}
              />
            )}
          </div>
          <DesignerContext.Provider value={context}>
            <SidePanel composing={composing} />
          </DesignerContext.Provider>
        </div>
      </div>
    </DesignerStableContext.Provider>
  );
}
