import { formatBytes, formatCount } from "@/lib/format";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";

/** A value of a named series for people, in its unit. */
export function formatValue(unit: SeriesUnit | string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  switch (unit) {
    case "bytes":
      return formatBytes(v);
    case "bytes/s":
      return `${formatBytes(v)}/s`;
    case "ratio":
      return `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`;
    case "percent":
      return `${v.toFixed(0)} %`;
    case "watts":
      return `${v.toFixed(0)} W`;
    case "celsius":
      return `${v.toFixed(0)} °C`;
    case "seconds":
      return v < 1 ? `${(v * 1000).toFixed(v < 0.01 ? 1 : 0)} ms` : `${v.toFixed(2)} s`;
    case "tokens/s":
    case "requests/s":
    case "events/s":
      return `${v < 10 ? v.toFixed(1) : formatCount(v)} ${unit.replace("/s", "")}/s`;
    case "requests":
      return formatCount(v);
    default:
      return String(v);
  }
}

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** An axis tick: sizes, shares and durations keep their unit, counts and rates are bare numbers (the title says the unit). */
export function formatTick(unit: SeriesUnit | string, v: number): string {
  if (["bytes", "bytes/s", "ratio", "percent", "seconds", "celsius", "watts"].includes(unit))
    return formatValue(unit, v);
  return COMPACT.format(v);
}

/** A short clock time for axes. */
export function formatClock(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const hh = String(d.getHours()).padStart(2, "0");
  const mm = String(d.getMinutes()).padStart(2, "0");
  if (spanMs <= 15 * 60_000) return `${hh}:${mm}:${String(d.getSeconds()).padStart(2, "0")}`;
  return `${hh}:${mm}`;
}
