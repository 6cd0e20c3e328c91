import type { FlatLabels } from "./types";

export function labelValue(labels: FlatLabels, name: string): string | undefined {
  for (let k = 0; k < labels.length; k += 2) if (labels[k] === name) return labels[k + 1];
  return undefined;
}

export function labelsToRecord(labels: FlatLabels): Record<string, string> {
  const record: Record<string, string> = {};
  for (let k = 0; k < labels.length; k += 2) record[labels[k]!] = labels[k + 1]!;
  return record;
}

/**
 * A series' identity regardless of label order: `name{a="1",b="2"}` with labels sorted by name. An empty label
 * value is the same as no label, as in Prometheus.
 */
export function canonicalSeriesKey(name: string, labels: Record<string, string>): string {
  const names = Object.keys(labels)
    .filter((n) => labels[n] !== "")
    .sort();
  return `${name}{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(",")}}`;
}
