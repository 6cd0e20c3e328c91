import type { ExpositionFormat, MetricType } from "./types";

const TEXT_SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

const OPENMETRICS_SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  counter: ["_total", "_created"],
  histogram: ["_bucket", "_sum", "_count", "_created"],
  gaugehistogram: ["_bucket", "_gsum", "_gcount"],
  summary: ["", "_sum", "_count", "_created"],
  info: ["_info"],
};

/** The suffix that makes `sampleName` a sample of family `family` of type `type`, or undefined when it is not one. */
export function familySuffix(
  format: ExpositionFormat,
  family: string,
  type: MetricType,
  sampleName: string,
): string | undefined {
  if (!sampleName.startsWith(family)) return undefined;
  const rest = sampleName.slice(family.length);
  const suffixes = (format === "openmetrics" ? OPENMETRICS_SUFFIXES : TEXT_SUFFIXES)[type] ?? [""];
  return suffixes.includes(rest) ? rest : undefined;
}
