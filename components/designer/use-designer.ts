"use client";
import { createContext, useCallback, useContext, useMemo, useReducer, useRef, useState } from "react";
import type { DesignerAccess } from "@/lib/designer/access";
import { type Design, DesignDeriver } from "@/lib/designer/derive/derive";
import { editorReducer, initEditor } from "@/lib/designer/editor/reducer";
import type { EditorAction, EditorState } from "@/lib/designer/editor/types";
import type { Layout } from "@/lib/vocabulary/layout-schema";

/** The designer's state (one reducer) and everything derived from it (budgets, findings, rows), memoized on the layout. */
export function useDesigner(initial: Layout, vramCeiling?: number) {
  const [state, dispatch] = useReducer(editorReducer, initial, initEditor);
  const deriver = useRef<DesignDeriver | null>(null);
  deriver.current ??= new DesignDeriver({ vramCeiling });
  const design = useMemo(() => {
    const start = performance.now();
    const derived = deriver.current!.derive(state.layout);
    // Read by bench/designer-page.ts to split derive time from React's render and commit.
    performance.measure("designer:derive", { start, end: performance.now() });
    return derived;
  }, [state.layout]);
  return { state, dispatch, design };
}

/**
 * Fields holding text they could not commit, by field key ("qwen-a/gpuMemoryUtilization"), with what is wrong. Saving
 * and applying are blocked while there is any: the saved layout would otherwise silently keep the last valid value.
 */
export function useInvalidFields() {
  const [invalid, setInvalid] = useState<ReadonlyMap<string, string>>(new Map());
  const report = useCallback((key: string, problem: string | undefined) => {
    setInvalid((old) => {
      if (old.get(key) === problem) return old;
      const next = new Map(old);
      if (problem === undefined) next.delete(key);
      else next.set(key, problem);
      return next;
    });
  }, []);
  const first = invalid.values().next().value;
  const more = invalid.size - 1;
  const blockedBy =
    first === undefined ? null : `fix ${first}${more > 0 ? ` (and ${more} more field${more > 1 ? "s" : ""})` : ""}`;
  return { blockedBy, report };
}

export interface DesignerContextValue {
  state: EditorState;
  design: Design;
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
  access: DesignerAccess;
  /** The VRAM ceiling the layout is judged against (the admin's setting). */
  vramCeiling: number;
  /** Why saving or applying is blocked now (a field holds invalid text), or null. */
  blockedBy: string | null;
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
  vramCeiling: number;
  /** A field reports text it could not commit (`problem`, "gpu_memory_utilization of qwen-a: …"), or none. */
  reportField: (key: string, problem: string | undefined) => void;
  /** Moves keyboard focus to an instance's block in the grid after the panel changes (picking a model, a summary link). */
  focusInstance: (id: string | null) => void;
  /** The current state and design, read at event time (not for rendering). */
  latest: () => DesignerContextValue;
}

export const DesignerStableContext = createContext<DesignerStable | null>(null);

export function useDesignerStable(): DesignerStable {
  const value = useContext(DesignerStableContext);
  if (!value) throw new Error("useDesignerStable outside <Designer>");
  return value;
}
