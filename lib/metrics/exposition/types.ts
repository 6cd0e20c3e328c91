/** The two text formats a target may answer in (chosen by its Content-Type). */
export type ExpositionFormat = "prometheus-text" | "openmetrics";

/** Every family type of both formats; the text format uses a subset (`untyped` is its `unknown`). */
export const METRIC_TYPES = [
  "counter",
  "gauge",
  "histogram",
  "gaugehistogram",
  "summary",
  "info",
  "stateset",
  "untyped",
  "unknown",
] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const TEXT_FORMAT_TYPES: readonly MetricType[] = ["counter", "gauge", "histogram", "summary", "untyped"];

/** Label pairs in the order written: [name0, value0, name1, value1, …] (flat, so a parse allocates one array). */
export type FlatLabels = string[];

export interface ParsedSample {
  /** The sample's own name, suffix included (`x_bucket`, `x_total`). */
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch; OpenMetrics' seconds are converted. */
  timestampMs?: number;
  line: number;
}

export interface ParsedFamily {
  name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  samples: ParsedSample[];
}

/** A series written twice in one exposition; like Prometheus, the first sample is kept and the later ones are dropped. */
export interface DuplicateSeries {
  series: string;
  firstLine: number;
  line: number;
}

export interface ParsedExposition {
  format: ExpositionFormat;
  families: ParsedFamily[];
  duplicates: DuplicateSeries[];
}
