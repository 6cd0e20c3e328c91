"use client";

import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { RANGE_CHOICES } from "@/lib/metrics/api/range";

export const METRICS_VIEWS = ["fleet", "gpus", "hosts", "instances", "targets", "predicted", "load"] as const;
export type MetricsView = (typeof METRICS_VIEWS)[number];

/** The Metrics page's view in the URL, so a link opens the same charts: tab, range, selection, compared runs. */
export const metricsUrlState = {
  view: parseAsStringLiteral(METRICS_VIEWS).withDefault("fleet"),
  range: parseAsStringLiteral(RANGE_CHOICES).withDefault("1h"),
  start: parseAsInteger,
  end: parseAsInteger,
  instance: parseAsString,
  host: parseAsString,
  compare: parseAsArrayOf(parseAsString).withDefault([]),
};

export function useMetricsUrlState() {
  return useQueryStates(metricsUrlState, { history: "replace" });
}

export type MetricsUrlState = ReturnType<typeof useMetricsUrlState>[0];
