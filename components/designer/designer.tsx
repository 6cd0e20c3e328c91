"use client";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { BudgetLegend } from "@/components/budget/budget-legend";
import { LayoutGrid } from "@/components/grid/layout-grid";
import { EmptyState } from "@/components/ui/empty-state";
import { type DesignerAccess, FULL_ACCESS } from "@/lib/designer/access";
import type { EditorState } from "@/lib/designer/editor/types";
import { VRAM_WARNING_FRACTION } from "@/lib/layout/rules/memory";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import { FindingsSummary } from "./findings-summary";
import { ReadOnlyNote } from "./read-only-note";
import { SidePanel } from "./side-panel";
import { SummaryBar } from "./summary-bar";
import { Toolbar } from "./toolbar";
import { useFocusInstance } from "./use-focus-instance";
import { useNarrowScreen } from "./use-narrow-screen";
import {
  DesignerContext,
  type DesignerContextValue,
  type DesignerStable,
  DesignerStableContext,
  useDesigner,
  useInvalidFields,
} from "./use-designer";

export interface DesignerActionsProps {
  state: EditorState;
  markSaved: () => void;
  /** Why saving and applying are blocked now (a field holds invalid text), or null. */
  blockedBy: string | null;
  /** The designer is read-only for this person (or screen): offer copies, not saves. */
  readOnly: boolean;
}

export interface DesignerProps {
  initial: Layout;
  /** What the person may do, from the server (lib/auth/designer-access.ts). Default: everything. */
  access?: DesignerAccess;
  /** The admin's VRAM ceiling (default 0.9). */
  vramCeiling?: number;
  /** Read-only whoever looks, and why (a revision permalink, a share link). */
  readOnlyReason?: string;
  /** Save buttons and links the page adds to the toolbar. */
  actions?: (props: DesignerActionsProps) => ReactNode;
}

const NARROW_REASON = "Read-only on a screen this narrow: edit the layout in a window at least 640 px wide.";

/** The layout designer: toolbar, summary, findings, pinned legend, the grid of hosts × GPUs, and the side panel. */
export function Designer({
  initial,
  access = FULL_ACCESS,
  vramCeiling = VRAM_WARNING_FRACTION,
  readOnlyReason,
  actions,
}: DesignerProps) {
  const { state, dispatch, design } = useDesigner(initial, vramCeiling);
  const narrow = useNarrowScreen();
  const reason = readOnlyReason ?? access.readOnlyReason ?? (narrow ? NARROW_REASON : undefined);
  const readOnly = reason !== undefined || !access.canEdit;
  const { blockedBy, report } = useInvalidFields();
  const [composing, setComposing] = useState(false);
  const [overview, setOverview] = useState(false);
  const context = useMemo<DesignerContextValue>(
    () => ({ state, design, dispatch, readOnly, access, vramCeiling, blockedBy }),
    [state, design, dispatch, readOnly, access, vramCeiling, blockedBy],
  );
  const latest = useRef(context);
  useLayoutEffect(() => {
    latest.current = context;
  }, [context]);
  const focusInstance = useFocusInstance(state);
  const stable = useMemo<DesignerStable>(
    () => ({ dispatch, readOnly, vramCeiling, reportField: report, focusInstance, latest: () => latest.current }),
    [dispatch, readOnly, vramCeiling, report, focusInstance],
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
  const closePanel = useCallback(() => {
    setOverview(false);
    setComposing(false);
    dispatch({ type: "clear-selection" });
    dispatch({ type: "open-instance", id: null });
  }, [dispatch]);
  const panelWanted = !!state.openInstanceId || (!readOnly && (!!state.selection || composing)) || overview;

  // The changing context wraps only the toolbar, the findings and the side panel, never the grid: when a context value
  // changes, React walks every memoized subtree under its provider looking for readers — thousands of grid fibers.
  return (
    <DesignerStableContext.Provider value={stable}>
      <div className="min-w-0 space-y-3">
        {reason && <ReadOnlyNote reason={reason} />}
        <DesignerContext.Provider value={context}>
          <Toolbar onShowDetails={() => setOverview((o) => !o)}>
            {actions?.({ state, markSaved, blockedBy, readOnly })}
          </Toolbar>
        </DesignerContext.Provider>
        <SummaryBar summary={design.summary} />
        <FindingsSummary findings={design.findings.all} />
        <div className="sticky top-0 z-20 -mx-1 bg-slate-50/95 px-1 py-1 dark:bg-slate-950/95">
          <BudgetLegend />
        </div>
        <div className="xl:grid xl:grid-cols-[minmax(0,1fr)_24rem] xl:gap-4">
          <div data-grid-scroller className="min-w-0 overflow-x-auto pb-2">
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
            <SidePanel composing={composing} drawerOpen={panelWanted} onClose={closePanel} />
          </DesignerContext.Provider>
        </div>
      </div>
    </DesignerStableContext.Provider>
  );
}
