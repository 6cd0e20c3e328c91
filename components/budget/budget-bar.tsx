import { memo } from "react";
import type { CellView } from "@/lib/designer/derive/cells";
import { formatBytes } from "@/lib/format";
import { barBackground } from "./bar-gradients";

/** A GPU's planned memory as one stacked bar (one element): every instance's terms in order, then free; one denominator (the card). */
export const BudgetBar = memo(function BudgetBar({ cell }: { cell: CellView }) {
  const total = Math.max(cell.memoryBytes, cell.plannedBytes, 1);
  const over = cell.plannedBytes > cell.memoryBytes;
  return (
    <div className="space-y-0.5">
      <div
        aria-hidden
        className={`h-3 w-full rounded-sm bg-slate-100 dark:bg-slate-800 ${over ? "ring-2 ring-red-600" : "ring-1 ring-slate-300 dark:ring-slate-700"}`}
        style={barBackground(cell, total)}
      />
      <p
        className={`truncate text-[11px] tabular-nums ${over ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
      >
        {cell.stacks.length === 0
          ? `Free · ${formatBytes(cell.memoryBytes)}`
          : `${formatBytes(cell.plannedBytes)} / ${formatBytes(cell.memoryBytes)}`}
      </p>
    </div>
  );
});
