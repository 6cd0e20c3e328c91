import { memo, useMemo } from "react";
import { formatBytes } from "@/lib/format";
import type { RowView } from "@/lib/designer/derive/derive";
import { BoundHostBadge } from "./bound-host-badge";
import { cellLabel } from "./cell-label";
import { GpuCell, type GpuCellProps } from "./gpu-cell";
import { laneCount, rowColumnsStyle, rowHeightPx } from "./row-geometry";

const NONE: readonly number[] = [];

export interface HostRowProps {
  row: RowView;
  rowIndex: number;
  columns: number;
  /** Column of the focused cell in this row, or -1. */
  focusedCol: number;
  /** Column of the cell whose tooltip is shown and that has focus, or -1. */
  describedCol: number;
  selected: readonly number[];
  dropTargets: readonly number[];
  openInstanceId: string | null;
  readOnly: boolean;
}

/** role=row: the host as a rowheader, then one gridcell per GPU. Memoized: untouched hosts do not re-render. */
export const HostRow = memo(function HostRow(p: HostRowProps) {
  const { row } = p;
  const openHere = p.openInstanceId && row.instances[p.openInstanceId] ? p.openInstanceId : null;
  const lanes = laneCount(row);
  const perCell = useMemo(() => {
    const lists: GpuCellProps["bands"][] = row.cells.map(() => []);
    for (const band of row.bands) {
      const instance = row.instances[band.instanceId];
      if (instance)
        lists[band.column]?.push({
          band,
          instance,
          errors: row.errors[band.instanceId] ?? 0,
          open: band.instanceId === openHere,
        });
    }
    return lists;
  }, [row, openHere]);
  const labels = useMemo(() => row.cells.map((c) => cellLabel(row, c)), [row]);
  const { host, use } = row;
  const ramOver = use.ramPlannedBytes > use.ramBytes;
  const cpuOver = use.cpusPlanned > use.cpuCores;
  // One line each (the row's height is fixed by its data); the whole text is in the title.
  const ram = `RAM ${formatBytes(use.ramPlannedBytes)} / ${formatBytes(use.ramBytes)}`;
  const cpu = `CPU ${use.cpusPlanned} / ${use.cpuCores} cores`;
  return (
    <div
      role="row"
      aria-rowindex={p.rowIndex + 2}
      className="grid gap-2"
      // Contained: a row that moves (one above it grew) or changes inside is laid out and repainted on its own.
      style={{ ...rowColumnsStyle(p.columns), height: rowHeightPx(lanes), contain: "layout paint style" }}
    >
      <div role="rowheader" className="min-w-0 rounded-md bg-slate-100 p-2 text-xs dark:bg-slate-800/60">
        <p className="truncate text-sm font-semibold">{host.name}</p>
        <p className="truncate text-slate-600 dark:text-slate-400">
          <BoundHostBadge host={host} /> · {use.gpusUsed}/{use.gpus} GPUs
        </p>
        <p
          className={`truncate tabular-nums ${ramOver ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
          title={ram}
        >
          {ram}
        </p>
        <p
          className={`truncate tabular-nums ${cpuOver ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
          title={cpu}
        >
          {cpu}
        </p>
      </div>
      {row.cells.map((cell, col) => (
        <GpuCell
          key={cell.key}
          cell={cell}
          label={labels[col]!}
          rowIndex={p.rowIndex}
          colIndex={col}
          focused={p.focusedCol === col}
          describedBy={p.describedCol === col}
          selected={p.selected.includes(cell.gpuIndex)}
          dropTarget={p.dropTargets.includes(cell.gpuIndex)}
          laneCount={lanes}
          bands={perCell[col] ?? []}
          readOnly={p.readOnly}
        />
      ))}
    </div>
  );
});

export const NO_GPUS = NONE;
