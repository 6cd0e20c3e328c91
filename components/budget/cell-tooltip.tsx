import { memo } from "react";
import type { CellView } from "@/lib/designer/derive/cells";
import { formatBytes } from "@/lib/format";
import { TermRow } from "./term-row";
import { exactBytes } from "./terms";

export const CELL_TOOLTIP_ID = "gpu-cell-tooltip";

/** Exact numbers of one GPU, shown for the hovered or focused cell (one tooltip for the whole grid). */
export const CellTooltip = memo(function CellTooltip({
  cell,
  hostName,
  top,
  left,
}: {
  cell: CellView;
  hostName: string;
  top: number;
  left: number;
}) {
  return (
    <div
      id={CELL_TOOLTIP_ID}
      role="tooltip"
      className="pointer-events-none fixed z-50 w-80 rounded-md border border-slate-300 bg-white p-3 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900"
      style={{ top, left }}
    >
      <p className="font-semibold">
        {hostName} GPU {cell.gpuIndex} · {cell.gpuName}
      </p>
      <p className="mb-2 tabular-nums text-slate-600 dark:text-slate-400">
        planned {exactBytes(cell.plannedBytes, formatBytes(cell.plannedBytes))} of {formatBytes(cell.memoryBytes)}; free{" "}
        {formatBytes(cell.freeBytes)}
      </p>
      {cell.stacks.map((stack) => (
        <table key={stack.instanceId} className="mb-2 w-full tabular-nums">
          <caption className="text-left font-medium">{stack.instanceId}</caption>
          <tbody>
            {stack.terms.map((t) => (
              <TermRow key={t.term} term={t.term} bytes={t.bytes} />
            ))}
          </tbody>
        </table>
      ))}
      {cell.findings.map((f) => (
        <p
          key={`${f.code}-${f.message}`}
          className={f.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}
        >
          {f.severity === "error" ? "Error" : "Warning"}: {f.message}
        </p>
      ))}
    </div>
  );
});
