"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import { formatClock, formatTick, formatValue } from "./format-value";
import type { OkSeries } from "./use-series";

export interface ChartLine {
  name: string;
  result: OkSeries | undefined;
  /** Which rows of the result (default: all, one line each). */
  pick?: (labels: Record<string, string>) => boolean;
  /** A row's name in the legend (default: the line's name). */
  nameOf?: (labels: Record<string, string>) => string;
}

export interface ChartReference {
  y: number;
  label: string;
  color: string;
  /** Where the label sits, so lines close together keep readable labels. */
  position?: "insideTopLeft" | "insideBottomLeft" | "insideTopRight" | "insideBottomRight";
}

const COLORS = ["#4f46e5", "#0891b2", "#16a34a", "#ea580c", "#9333ea", "#db2777", "#65a30d", "#0284c7"];

/**
 * A live line chart of named series: one line per row of each result, optional reference lines (planned budget,
 * targets, the VRAM ceiling). `data-last` carries the newest value of the first line, for people and tests alike.
 */
export function TimeSeriesChart({
  title,
  testId,
  unit,
  lines,
  references = [],
  danger = false,
  height = 180,
  yMax,
}: {
  title: string;
  testId: string;
  unit: SeriesUnit;
  lines: ChartLine[];
  references?: ChartReference[];
  danger?: boolean;
  height?: number;
  yMax?: number;
}) {
  const rows = new Map<number, Record<string, number | null>>();
  const keys: { key: string; name: string }[] = [];
  for (const line of lines) {
    if (!line.result) continue;
    line.result.data.forEach((row, i) => {
      if (line.pick && !line.pick(row.labels)) return;
      const key = `${line.name}#${i}`;
      keys.push({ key, name: line.nameOf ? line.nameOf(row.labels) : line.name });
      line.result!.timestampsMs.forEach((t, k) => {
        const at = rows.get(t) ?? { t };
        at[key] = row.values[k] ?? null;
        rows.set(t, at);
      });
    });
  }
  const data = [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
  const first = keys[0]?.key;
  const last = first ? data.findLast((r) => r[first] !== null && r[first] !== undefined)?.[first] : undefined;
  const times = data.map((r) => r.t as number);
  const span = times.length > 1 ? times.at(-1)! - times[0]! : 0;
  const points = first ? data.filter((r) => r[first] !== null && r[first] !== undefined).length : 0;
  return (
    <figure
      data-testid={`chart-${testId}`}
      data-last={last ?? ""}
      data-points={points}
      data-danger={danger}
      className={`rounded-lg border p-3 ${danger ? "border-red-500 bg-red-50 dark:bg-red-950" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
    >
      <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">
          {title}
          {["tokens/s", "requests/s", "events/s", "requests"].includes(unit) && (
            <span className="ml-1 text-xs font-normal text-slate-500">({unit})</span>
          )}
        </span>
        <span
          className={danger ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}
        >
          {formatValue(unit, last ?? null)}
        </span>
      </figcaption>
      {keys.length === 0 ? (
        <p className="flex items-center justify-center text-xs text-slate-500" style={{ height }}>
          no live data
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis
              dataKey="t"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(t: number) => formatClock(t, span)}
              fontSize={10}
            />
            <YAxis
              width={64}
              fontSize={10}
              tickFormatter={(v: number) => formatTick(unit, v)}
              domain={[0, yMax ?? "auto"]}
            />
            <Tooltip
              labelFormatter={(t) => new Date(Number(t)).toLocaleTimeString()}
              formatter={(v) => formatValue(unit, typeof v === "number" ? v : null)}
            />
            {keys.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
            {references.map((r) => (
              <ReferenceLine
                key={r.label}
                y={r.y}
                stroke={r.color}
                strokeDasharray="4 3"
                label={{ value: r.label, fontSize: 10, fill: r.color, position: r.position ?? "insideTopLeft" }}
                ifOverflow="extendDomain"
              />
            ))}
            {keys.map((k, i) => (
              <Line
                key={k.key}
                dataKey={k.key}
                name={k.name}
                stroke={COLORS[i % COLORS.length]}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
                strokeWidth={1.5}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
