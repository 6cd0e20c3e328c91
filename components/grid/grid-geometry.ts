import type { RowView } from "@/lib/designer/derive/derive";

export interface CellRef {
  hostId: string;
  row: number;
  col: number;
  gpuIndex: number;
}

/** The grid cell under a point (or inside an element), from its data attributes. */
export function cellAt(target: Element | null): CellRef | null {
  const el = target?.closest<HTMLElement>("[data-cell]");
  if (!el) return null;
  const { host, row, col, gpu } = el.dataset;
  if (host === undefined || row === undefined || col === undefined || gpu === undefined) return null;
  return { hostId: host, row: Number(row), col: Number(col), gpuIndex: Number(gpu) };
}

export const cellAtPoint = (x: number, y: number): CellRef | null => cellAt(document.elementFromPoint(x, y));

/** GPU indices of columns [from, from + count) in a row, clamped to the row. */
export function gpusFrom(row: RowView | undefined, from: number, count: number): number[] {
  if (!row || count < 1 || row.cells.length < count) return [];
  const start = Math.max(0, Math.min(from, row.cells.length - count));
  return row.cells.slice(start, start + count).map((c) => c.gpuIndex);
}

export function gpusBetween(row: RowView | undefined, a: number, b: number): number[] {
  if (!row) return [];
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return row.cells.slice(Math.max(0, lo), hi + 1).map((c) => c.gpuIndex);
}

export function columnOf(row: RowView | undefined, gpuIndex: number): number {
  return row ? row.cells.findIndex((c) => c.gpuIndex === gpuIndex) : -1;
}
