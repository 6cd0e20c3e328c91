import type { RowView } from "@/lib/designer/derive/derive";
import { LANE_PX } from "./instance-band";

/** Space between host rows, in px. */
export const ROW_GAP_PX = 8;
/** The host header (name and three lines of use) and a cell's name, bar and numbers, each one line (they truncate). */
const ROW_MIN_PX = 92;
const CELL_WITHOUT_LANES_PX = 72;

export const laneCount = (row: RowView): number => row.bands.reduce((m, b) => Math.max(m, b.lane + 1), 0);

/**
 * A host row's height follows from its data alone (one lane of blocks per instance stacked on a GPU), so the row
 * window knows every row's size before it is drawn and never has to measure one.
 */
export const rowHeightPx = (lanes: number): number => Math.max(ROW_MIN_PX, CELL_WITHOUT_LANES_PX + lanes * LANE_PX);

/**
 * The columns of the header and every host row: the host, then one per GPU. The minimum width keeps narrow windows
 * scrolling sideways (in the grid's own scroller) instead of clipping cells (rows contain their paint). The widths are
 * CSS variables the grid sets per breakpoint (GRID_WIDTH_CLASSES): a phone gets a narrower host column and cards.
 */
export const rowColumnsStyle = (columns: number) => ({
  gridTemplateColumns: `var(--host-col) repeat(${columns}, minmax(var(--gpu-col-min), 1fr))`,
  minWidth: `calc(var(--host-col) + ${columns} * (var(--gpu-col-min) + 0.5rem))`,
});

/** Sets the column widths rowColumnsStyle reads: 7.5rem host and 6.5rem cards on a phone, 11rem and 7rem from 640 px. */
export const GRID_WIDTH_CLASSES =
  "[--host-col:7.5rem] [--gpu-col-min:6.5rem] sm:[--host-col:11rem] sm:[--gpu-col-min:7rem]";
