"use client";
import { createContext, useContext, useMemo, useReducer, useRef } from "react";
import { type Design, DesignDeriver } from "@/lib/designer/derive/derive";
import { editorReducer, initEditor } from "@/lib/designer/editor/reducer";
import type { EditorAction, EditorState } from "@/lib/designer/editor/types";
import type { Layout } from "@/lib/vocabulary/layout-schema";

/** The designer's state (one reducer) and everything derived from it (budgets, findings, rows), memoized on the layout. */
export function useDesigner(initial: Layout) {
  const [state, dispatch] = useReducer(editorReducer, initial, initEditor);
  const deriver = useRef<DesignDeriver | null>(null);
  deriver.current ??= new DesignDeriver();
  const design = useMemo(() => {
    const start = performance.now();
    const derived = deriver.current!.derive(state.layout);
    // Read by bench/designer-page.ts to split derive time from React's render and commit.
    performance.measure("designer:derive", { start, end: performance.now() });
    return derived;
  }, [state.layout]);
  return { state, dispatch, design };
}

export interface DesignerContextValue {
  state: EditorState;
  design: Design;
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesignerContext(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("useDesignerContext outside <Designer>");
  return value;
}

/** What never changes while the designer is mounted: for components that must not re-render on every edit. */
export interface DesignerStable {
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
  /** The current state and design, read at event time (not for rendering). */
  latest: () => DesignerContextValue;
}

export const DesignerStableContext = createContext<DesignerStable | null>(null);

export function useDesignerStable(): DesignerStable {
  const value = useContext(DesignerStableContext);
  if (!value) throw new Error("useDesignerStable outside <Designer>");
  return value;
}
