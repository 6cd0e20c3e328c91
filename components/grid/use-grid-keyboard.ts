"use client";
import { type KeyboardEvent, useCallback } from "react";
import type { RowView } from "@/lib/designer/derive/derive";
import type { EditorAction, Selection } from "@/lib/designer/editor/types";

export interface Focus {
  row: number;
  col: number;
}

interface Options {
  rows: RowView[];
  focus: Focus;
  selection: Selection | null;
  readOnly: boolean;
  dispatch: (action: EditorAction) => void;
  focusCell: (row: number, col: number) => void;
  /** Enter on a free GPU with a selection: start a new instance there. */
  onOpenNew?: () => void;
}

const PAGE_ROWS = 5;

/** WAI-ARIA grid keys: arrows, Home/End, Ctrl+Home/End, PgUp/PgDn, Space selects, Shift+Arrow extends, Enter opens, Delete removes, Esc cancels. */
export function useGridKeyboard({ rows, focus, selection, readOnly, dispatch, focusCell, onOpenNew }: Options) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // A cell, or an instance block inside one (focus returns to the block after picking a model): keys act on its cell.
      const target = event.target as Element;
      if (!target.matches("[data-cell], [data-band]")) return;
      const bandId = target.getAttribute("data-band");
      const lastRow = rows.length - 1;
      const width = (r: number) => rows[r]?.cells.length ?? 0;
      const move = (row: number, col: number) => {
        const r = Math.max(0, Math.min(lastRow, row));
        const c = Math.max(0, Math.min(width(r) - 1, col));
        focusCell(r, c);
        return { r, c };
      };
      const row = rows[focus.row];
      const cell = row?.cells[focus.col];
      const ctrl = event.ctrlKey || event.metaKey;
      let handled = true;
      switch (event.key) {
        case "ArrowLeft":
        case "ArrowRight": {
          const { r, c } = move(focus.row, focus.col + (event.key === "ArrowLeft" ? -1 : 1));
          const target = rows[r]?.cells[c];
          if (event.shiftKey && target && !readOnly) {
            if (!selection && cell) dispatch({ type: "select", hostId: cell.hostId, gpuIndices: [cell.gpuIndex] });
            dispatch({ type: "extend-selection", hostId: target.hostId, gpuIndex: target.gpuIndex });
          }
          break;
        }
        case "ArrowUp":
          move(focus.row - 1, focus.col);
          break;
        case "ArrowDown":
          move(focus.row + 1, focus.col);
          break;
        case "PageUp":
          move(focus.row - PAGE_ROWS, focus.col);
          break;
        case "PageDown":
          move(focus.row + PAGE_ROWS, focus.col);
          break;
        case "Home":
          if (ctrl) move(0, 0);
          else move(focus.row, 0);
          break;
        case "End":
          if (ctrl) move(lastRow, width(lastRow) - 1);
          else move(focus.row, width(focus.row) - 1);
          break;
        case " ":
          if (cell && !readOnly) dispatch({ type: "toggle-gpu", hostId: cell.hostId, gpuIndex: cell.gpuIndex });
          break;
        case "Enter": {
          const top = bandId ?? cell?.stacks[0]?.instanceId;
          const selectedHere =
            !!cell && !!selection && selection.hostId === cell.hostId && selection.gpuIndices.includes(cell.gpuIndex);
          if (selectedHere && !readOnly) onOpenNew?.();
          else if (top) dispatch({ type: "open-instance", id: top });
          else if (cell && !readOnly) {
            dispatch({ type: "select", hostId: cell.hostId, gpuIndices: [cell.gpuIndex] });
            onOpenNew?.();
          }
          break;
        }
        case "Delete":
        case "Backspace": {
          const top = bandId ?? cell?.stacks[0]?.instanceId;
          if (top && !readOnly) dispatch({ type: "remove-instance", id: top });
          break;
        }
        case "Escape":
          dispatch({ type: "clear-selection" });
          dispatch({ type: "open-instance", id: null });
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    },
    [rows, focus, selection, readOnly, dispatch, focusCell, onOpenNew],
  );
}
