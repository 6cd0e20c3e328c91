"use client";
import { type FocusEvent, Fragment, type PointerEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CellTooltip } from "@/components/budget/cell-tooltip";
import type { RowView } from "@/lib/designer/derive/derive";
import type { EditorAction, Selection } from "@/lib/designer/editor/types";
import { cellAt } from "./grid-geometry";
import { HostRow, NO_GPUS } from "./host-row";
import { type Focus, useGridKeyboard } from "./use-grid-keyboard";
import { useGridPointer } from "./use-grid-pointer";
import { GRID_WIDTH_CLASSES, ROW_GAP_PX, rowColumnsStyle } from "./row-geometry";
import { useRowWindow } from "./use-row-window";

export interface LayoutGridProps {
  rows: RowView[];
  selection: Selection | null;
  openInstanceId: string | null;
  readOnly: boolean;
  dispatch: (action: EditorAction) => void;
  onOpenNew?: () => void;
  label?: string;
}

interface Tip {
  key: string;
  row: number;
  col: number;
  top: number;
  left: number;
  focused: boolean;
}

/** The WAI-ARIA grid of hosts × GPUs: one Tab stop (roving tabindex), rows memoized, one shared tooltip. */
export function LayoutGrid({
  rows,
  selection,
  openInstanceId,
  readOnly,
  dispatch,
  onOpenNew,
  label = "GPU layout",
}: LayoutGridProps) {
  const [focus, setFocus] = useState<Focus>({ row: 0, col: 0 });
  const [tip, setTip] = useState<Tip | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);

  const focusCell = useCallback((row: number, col: number, move = true) => {
    pendingFocus.current = move;
    setFocus((f) => (f.row === row && f.col === col ? { ...f } : { row, col }));
  }, []);

  useEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-row="${focus.row}"][data-col="${focus.col}"]`)?.focus();
  }, [focus]);

  // Keep the Tab stop on a cell that exists.
  const safe = useMemo(() => {
    const row = Math.min(focus.row, Math.max(0, rows.length - 1));
    const col = Math.min(focus.col, Math.max(0, (rows[row]?.cells.length ?? 1) - 1));
    return { row, col };
  }, [focus, rows]);

  const { listRef, slots, paddingTop, totalHeight } = useRowWindow(rows, safe.row);
  const onKeyDown = useGridKeyboard({ rows, focus: safe, selection, readOnly, dispatch, focusCell, onOpenNew });
  const { preview, onPointerDown } = useGridPointer({ rows, readOnly, dispatch, focusCell });

  const showTip = useCallback((target: Element | null, focused: boolean) => {
    const ref = cellAt(target);
    const el = target?.closest<HTMLElement>("[data-cell]");
    if (!ref || !el) return;
    const rect = el.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - 336));
    const below = rect.bottom + 4;
    const top = below + 260 > window.innerHeight ? Math.max(8, rect.top - 264) : below;
    setTip((t) =>
      t && t.key === el.dataset.cell && t.focused === focused
        ? t
        : { key: el.dataset.cell ?? "", row: ref.row, col: ref.col, top, left, focused },
    );
  }, []);
  const onPointerOver = useCallback((e: PointerEvent<HTMLElement>) => showTip(e.target as Element, false), [showTip]);
  const onFocus = useCallback(
    (e: FocusEvent<HTMLElement>) => {
      const ref = cellAt(e.target as Element);
      if (ref && (ref.row !== focus.row || ref.col !== focus.col)) setFocus({ row: ref.row, col: ref.col });
      if ((e.target as Element).matches("[data-cell]")) showTip(e.target as Element, true);
    },
    [showTip, focus],
  );
  const hideTip = useCallback(() => setTip(null), []);
  // The tooltip is placed once, by its cell; scrolling would leave it pointing at another one.
  useEffect(() => {
    if (!tip) return;
    window.addEventListener("scroll", hideTip, { passive: true, once: true });
    return () => window.removeEventListener("scroll", hideTip);
  }, [tip, hideTip]);

  const columns = rows.reduce((m, r) => Math.max(m, r.cells.length), 1);
  const tipRow = tip ? rows[tip.row] : undefined;
  const tipCell = tipRow?.cells[tip?.col ?? -1];

  return (
    <>
      <div
        ref={gridRef}
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns + 1}
        aria-multiselectable
        aria-readonly={readOnly || undefined}
        className={`space-y-2 ${GRID_WIDTH_CLASSES}`}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerOver={onPointerOver}
        onPointerLeave={hideTip}
        onFocus={onFocus}
        onBlur={hideTip}
      >
        <div
          role="row"
          aria-rowindex={1}
          className="grid gap-2 text-xs text-slate-500"
          style={rowColumnsStyle(columns)}
        >
          <div role="columnheader">Host</div>
          {Array.from({ length: columns }, (_, c) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: column c is GPU index c
            <div role="columnheader" key={c}>
              GPU {c}
            </div>
          ))}
        </div>
        <div
          ref={listRef}
          className="box-border flex flex-col"
          style={{ paddingTop, minHeight: totalHeight, gap: ROW_GAP_PX }}
        >
          {slots.map(({ index: r, spacerPx }) => {
            const row = rows[r]!;
            return (
              <Fragment key={row.host.id}>
                {spacerPx > 0 && <div aria-hidden style={{ height: spacerPx }} />}
                <HostRow
                  row={row}
                  rowIndex={r}
                  columns={columns}
                  focusedCol={safe.row === r ? safe.col : -1}
                  describedCol={tip?.focused && tip.row === r ? tip.col : -1}
                  selected={selection?.hostId === row.host.id ? selection.gpuIndices : NO_GPUS}
                  dropTargets={preview?.hostId === row.host.id ? preview.gpuIndices : NO_GPUS}
                  openInstanceId={openInstanceId && row.instances[openInstanceId] ? openInstanceId : null}
                  readOnly={readOnly}
                />
              </Fragment>
            );
          })}
        </div>
      </div>
      {tip && tipCell && tipRow && (
        <CellTooltip cell={tipCell} hostName={tipRow.host.name} top={tip.top} left={tip.left} />
      )}
    </>
  );
}
