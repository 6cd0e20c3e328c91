import type { ExpositionFormat, ParsedFamily } from "./types";

/** A value as both formats write it: NaN, +Inf, -Inf, or JavaScript's shortest round-tripping decimal. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

export const escapeLabelValue = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

const escapeHelp = (text: string, format: ExpositionFormat) => {
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return format === "openmetrics" ? escaped.replace(/"/g, '\\"') : escaped;
};

export function formatLabels(labels: Record<string, string>): string {
  const names = Object.keys(labels);
  if (names.length === 0) return "";
  return `{${names.map((n) => `${n}="${escapeLabelValue(labels[n]!)}"`).join(",")}}`;
}

/** Writes families in either format (OpenMetrics timestamps in seconds, `# EOF` at the end). */
export function formatExposition(families: readonly ParsedFamily[], format: ExpositionFormat): string {
  const om = format === "openmetrics";
  const lines: string[] = [];
  for (const family of families) {
    const type =
      om && family.type === "untyped" ? "unknown" : !om && family.type === "unknown" ? "untyped" : family.type;
    lines.push(`# TYPE ${family.name} ${type}`);
    if (om && family.unit !== undefined) lines.push(`# UNIT ${family.name} ${family.unit}`);
    if (family.help !== undefined) lines.push(`# HELP ${family.name} ${escapeHelp(family.help, format)}`);
    for (const s of family.samples) {
      const ts = s.timestampMs === undefined ? "" : ` ${om ? s.timestampMs / 1000 : s.timestampMs}`;
      lines.push(`${s.name}${formatLabels(s.labels)} ${formatValue(s.value)}${ts}`);
    }
  }
  if (om) lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}
