"use client";
import { defaultRangeExtractor, type Range, useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { RowView } from "@/lib/designer/derive/derive";
import { laneCount, ROW_GAP_PX, rowHeightPx } from "./row-geometry";

/** Rows rendered above and below the viewport, so a scroll or a keyboard step rarely meets an empty row. */
const OVERSCAN = 4;
/** What the server and the first client render assume: a large window at the top of the page (same markup both sides). */
const FIRST_RENDER_RECT = { width: 1600, height: 1200 };

/**
 * Only the host rows in and near the viewport are in the DOM (the window scrolls); the row holding the grid's
 * Tab stop always is, so keyboard focus never lands on a removed element. Row heights come from the data
 * (row-geometry.ts), so nothing is measured.
 */
export function useRowWindow(rows: RowView[], pinnedRow: number) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // New with every derive: the virtualizer recomputes row offsets when its key function changes.
  const getItemKey = useCallback((index: number) => rows[index]?.host.id ?? index, [rows]);
  const estimateSize = useCallback((index: number) => rowHeightPx(rows[index] ? laneCount(rows[index]) : 0), [rows]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (pinnedRow < 0 || pinnedRow >= range.count || indexes.includes(pinnedRow)) return indexes;
      return [...indexes, pinnedRow].sort((a, b) => a - b);
    },
    [pinnedRow],
  );

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    gap: ROW_GAP_PX,
    scrollMargin,
    rangeExtractor,
    initialRect: FIRST_RENDER_RECT,
    initialOffset: 0,
  });

  // Where the list starts in the page. What is above it (toolbar, summary) can change height with an edit, and then so
  // does the page: read it once mounted and whenever the page resizes (after layout, so the read forces none).
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const read = () => {
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      setScrollMargin((old) => (Math.abs(top - old) > 1 ? top : old));
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const items = virtualizer.getVirtualItems();
  // Rows stay in normal flow; what is not rendered is space: the list's top padding, a spacer before a pinned row far
  // from the others (the list's gap falls on both sides of it), and the list's minimum height.
  const slots = items.map((item, k) => {
    const previous = items[k - 1];
    const apart = previous !== undefined && item.index > previous.index + 1;
    return { index: item.index, spacerPx: apart ? item.start - previous.end - 2 * ROW_GAP_PX : 0 };
  });
  return {
    listRef,
    slots,
    paddingTop: items[0] ? items[0].start - scrollMargin : 0,
    totalHeight: virtualizer.getTotalSize(),
  };
}
