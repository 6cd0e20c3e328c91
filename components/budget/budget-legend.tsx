import { memo } from "react";
import { TERM_NAMES } from "@/lib/budget/types";
import { TERM_STYLE } from "./terms";

/** The pinned legend above the grid: one swatch per budget term. */
export const BudgetLegend = memo(function BudgetLegend() {
  return (
    <ul
      aria-label="Budget legend"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
    >
      {TERM_NAMES.map((name) => (
        <li key={name} className="flex items-center gap-1.5">
          <span
            aria-hidden
            className="inline-block h-3 w-3 rounded-sm border border-slate-300 dark:border-slate-600"
            style={{ background: name === "free" ? undefined : TERM_STYLE[name].color }}
          />
          {TERM_STYLE[name].label}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 w-3 rounded-sm border-2 border-red-600" />
        Over capacity / error
      </li>
    </ul>
  );
});
