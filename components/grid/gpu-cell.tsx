import { memo } from "react";
import { BudgetBar } from "@/components/budget/budget-bar";
import { CELL_TOOLTIP_ID } from "@/components/budget/cell-tooltip";
import { ObservedMemory } from "@/components/budget/observed-memory";
import type { Band } from "@/lib/designer/derive/bands";
import type { CellView } from "@/lib/designer/derive/cells";
import type { Instance } from "@/lib/vocabulary/layout-schema";
import { InstanceBand, LANE_PX } from "./instance-band";

export interface GpuCellProps {
  cell: CellView;
  label: string;
  rowIndex: number;
  colIndex: number;
  focused: boolean;
  selected: boolean;
  dropTarget: boolean;
  describedBy: boolean;
  laneCount: number;
  bands: { band: Band; instance: Instance; errors: number; open: boolean }[];
  readOnly: boolean;
}

/** role=gridcell: a GPU with its stacked budget bar and the instance blocks that start on it. */
export const GpuCell = memo(function GpuCell(p: GpuCellProps) {
  const { cell } = p;
  const problem = cell.errorCount > 0 ? "error" : cell.warningCount > 0 ? "warning" : null;
  return (
    <div
      role="gridcell"
      tabIndex={p.focused ? 0 : -1}
      aria-selected={p.selected}
      aria-label={p.label}
      aria-describedby={p.describedBy ? CELL_TOOLTIP_ID : undefined}
      data-cell={cell.key}
      data-host={cell.hostId}
      data-gpu={cell.gpuIndex}
      data-row={p.rowIndex}
      data-col={p.colIndex}
      data-planned-bytes={cell.plannedBytes}
      className={`relative min-w-0 rounded-md border p-1.5 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
        p.selected
          ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
          : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      } ${p.dropTarget ? "outline-2 outline-dashed outline-indigo-500" : ""} ${problem === "error" ? "border-red-600 border-2" : problem === "warning" ? "border-amber-500 border-2" : ""}`}
      style={{ paddingBottom: 8 + p.laneCount * LANE_PX }}
    >
      <p className="flex items-center justify-between gap-1 truncate text-[11px] font-medium">
        <span className="truncate">
          [{cell.gpuIndex}] {cell.gpuName}
          {cell.nvlinkGroup !== undefined && <span className="ml-1 text-slate-500">NV{cell.nvlinkGroup}</span>}
        </span>
        {problem && (
          <span
            aria-hidden
            className={problem === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}
          >
            {problem === "error" ? "✕" : "▲"}
          </span>
        )}
      </p>
      <BudgetBar cell={cell} />
      <ObservedMemory
        hostId={cell.hostId}
        gpuIndex={cell.gpuIndex}
        memoryBytes={cell.memoryBytes}
        plannedBytes={cell.plannedBytes}
      />
      {p.bands.map((b) => (
        <InstanceBand
          key={`${b.band.instanceId}-${b.band.part}`}
          band={b.band}
          instance={b.instance}
          errors={b.errors}
          open={b.open}
          readOnly={p.readOnly}
        />
      ))}
    </div>
  );
});
