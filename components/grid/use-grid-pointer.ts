"use client";
import { type PointerEvent as ReactPointerEvent, useCallback, useRef, useState } from "react";
import type { RowView } from "@/lib/designer/derive/derive";
import type { EditorAction } from "@/lib/designer/editor/types";
import { type CellRef, cellAt, cellAtPoint, columnOf, gpusBetween, gpusFrom } from "./grid-geometry";

export interface DragPreview {
  hostId: string;
  gpuIndices: number[];
}

type Gesture =
  | { kind: "move"; instanceId: string; tp: number; grabOffset: number }
  | { kind: "resize"; instanceId: string; hostId: string; startCol: number }
  | { kind: "select"; anchor: CellRef };

interface Options {
  rows: RowView[];
  readOnly: boolean;
  dispatch: (action: EditorAction) => void;
  focusCell: (row: number, col: number, move?: boolean) => void;
}

/** Mouse and pen: click/shift-click/ctrl-click to select, drag a rectangle, drag a block to move it, drag its edge to change TP. */
export function useGridPointer({ rows, readOnly, dispatch, focusCell }: Options) {
  const [preview, setPreview] = useState<DragPreview | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      if (event.button !== 0) return;
      const target = event.target as Element;
      const start = cellAt(target);
      if (!start) return;
      const rowOf = (hostId: string) => rowsRef.current.find((r) => r.host.id === hostId);
      const bandEl = target.closest<HTMLElement>("[data-band]");
      const resizeEl = target.closest<HTMLElement>("[data-resize]");
      let gesture: Gesture;
      if (resizeEl && !readOnly) {
        const instance = rowOf(start.hostId)?.instances[resizeEl.dataset.resize ?? ""];
        const first = instance?.placement ? Math.min(...instance.placement.gpuIndices) : start.gpuIndex;
        gesture = {
          kind: "resize",
          instanceId: resizeEl.dataset.resize ?? "",
          hostId: start.hostId,
          startCol: columnOf(rowOf(start.hostId), first),
        };
      } else if (bandEl) {
        const instance = rowOf(start.hostId)?.instances[bandEl.dataset.band ?? ""];
        const bandCol = Number(bandEl.dataset.bandColumn ?? start.col);
        const pointerCol = columnAtX(event.clientX, start) ?? start.col;
        gesture = {
          kind: "move",
          instanceId: bandEl.dataset.band ?? "",
          tp: instance?.tp ?? 1,
          grabOffset: Math.max(0, pointerCol - bandCol),
        };
      } else gesture = { kind: "select", anchor: start };
      event.preventDefault();
      let moved = false;
      let last: CellRef = start;

      const previewFor = (cell: CellRef): DragPreview | null => {
        const row = rowOf(cell.hostId);
        if (gesture.kind === "move")
          return { hostId: cell.hostId, gpuIndices: gpusFrom(row, cell.col - gesture.grabOffset, gesture.tp) };
        if (gesture.kind === "resize")
          return cell.hostId === gesture.hostId
            ? {
                hostId: cell.hostId,
                gpuIndices: gpusBetween(row, gesture.startCol, Math.max(cell.col, gesture.startCol)),
              }
            : null;
        return cell.hostId === gesture.anchor.hostId
          ? { hostId: cell.hostId, gpuIndices: gpusBetween(row, gesture.anchor.col, cell.col) }
          : null;
      };
      const onMove = (e: PointerEvent) => {
        const cell = cellAtPoint(e.clientX, e.clientY);
        if (!cell || (cell.hostId === last.hostId && cell.col === last.col)) return;
        if (readOnly) return;
        moved = true;
        last = cell;
        setPreview(previewFor(cell));
      };
      const finish = (e: PointerEvent | KeyboardEvent) => {
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", finish);
        window.removeEventListener("keydown", onKey);
        setPreview(null);
        if (e instanceof KeyboardEvent) return;
        const shift = e.shiftKey;
        const toggle = e.ctrlKey || e.metaKey;
        if (!moved) {
          focusCell(start.row, start.col);
          if (gesture.kind === "move" || gesture.kind === "resize")
            dispatch({ type: "open-instance", id: gesture.instanceId });
          // Read-only: a click opens blocks and moves focus; selecting GPUs (for a new instance) is for editors.
          else if (readOnly) return;
          else if (shift) dispatch({ type: "extend-selection", hostId: start.hostId, gpuIndex: start.gpuIndex });
          else if (toggle) dispatch({ type: "toggle-gpu", hostId: start.hostId, gpuIndex: start.gpuIndex });
          else dispatch({ type: "select", hostId: start.hostId, gpuIndices: [start.gpuIndex] });
          return;
        }
        const drop = previewFor(last);
        // After a drag the Tab stop follows the drop, without a synchronous focus() (it forces a layout of the page).
        focusCell(last.row, last.col, false);
        if (!drop || drop.gpuIndices.length === 0) return;
        if (gesture.kind === "move")
          dispatch({
            type: "move-instance",
            id: gesture.instanceId,
            hostId: drop.hostId,
            startIndex: drop.gpuIndices[0]!,
          });
        else if (gesture.kind === "resize")
          dispatch({ type: "resize-instance", id: gesture.instanceId, tp: drop.gpuIndices.length });
        else dispatch({ type: "select", hostId: drop.hostId, gpuIndices: drop.gpuIndices });
      };
      const onKey = (e: KeyboardEvent) => {
        if (e.key === "Escape") finish(e);
      };
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", finish);
      window.addEventListener("keydown", onKey);
    },
    [readOnly, dispatch, focusCell],
  );

  return { preview, onPointerDown };
}

/** The column under x in the start cell's row (a band overflows its first cell, so the target is that first cell). */
function columnAtX(x: number, start: CellRef): number | null {
  const cells = document.querySelectorAll<HTMLElement>(`[data-row="${start.row}"][data-cell]`);
  for (const el of cells) {
    const rect = el.getBoundingClientRect();
    if (x >= rect.left && x <= rect.right) return Number(el.dataset.col);
  }
  return null;
}
