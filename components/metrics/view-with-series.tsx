"use client";

import type { ReactNode } from "react";
import type { Selector } from "@/lib/metrics/query-schema";
import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import type { Names } from "./names";
import { UnavailableBanner } from "./unavailable-banner";
import { type SeriesData, useSeries } from "./use-series";
import { useMetricsUrlState } from "./url-state";

/** Fetches a view's series for the URL's range and selection, and puts the unavailable banner above the view. */
export function ViewWithSeries({
  series,
  selector,
  intervalMs,
  names,
  children,
}: {
  series: readonly NamedSeriesId[];
  selector: Selector;
  intervalMs: number;
  names: Names;
  children: (data: SeriesData) => ReactNode;
}) {
  const [state] = useMetricsUrlState();
  const data = useSeries(series, selector, state, intervalMs);
  return (
    <div data-loading={data.loading}>
      <UnavailableBanner unavailable={data.unavailable} down={data.down} nameOf={names.target} />
      {children(data)}
    </div>
  );
}
