"use client";
import { useCallback, useEffect, useRef } from "react";
import type { EditorState } from "@/lib/designer/editor/types";

/** Focuses the instance's block in the grid, else (unplaced, or its host row not drawn) the panel's heading. */
function focusBlock(id: string) {
  requestAnimationFrame(() => {
    const target =
      document.querySelector<HTMLElement>(`[data-band-primary="${CSS.escape(id)}"]`) ??
      document.querySelector<HTMLElement>(`[data-instance-heading="${CSS.escape(id)}"]`);
    target?.focus();
    target?.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
}

/**
 * Keyboard focus to an instance's block once the panel shows it: after picking a model the focused search box is
 * gone, and focus must not fall to the page. `focusInstance(id)` names the instance; `focusInstance(null)` the one the
 * next edit opens (a new instance's id is chosen by the reducer).
 */
export function useFocusInstance(state: EditorState): (id: string | null) => void {
  const pending = useRef(false);
  const focusInstance = useCallback((id: string | null) => {
    if (id === null) pending.current = true;
    else focusBlock(id);
  }, []);
  useEffect(() => {
    if (!pending.current || !state.openInstanceId) return;
    pending.current = false;
    focusBlock(state.openInstanceId);
  }, [state]);
  return focusInstance;
}
