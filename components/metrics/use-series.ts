"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import type { MetricsQueryResponse } from "@/lib/metrics/api/responses";
import type { Selector, SeriesResult } from "@/lib/metrics/query-schema";
import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import type { MetricsUrlState } from "./url-state";

export type OkSeries = SeriesResult & { status: "ok" };

export interface SeriesData {
  /** The latest data of each series; kept from an earlier answer while the source is unavailable. */
  byId: Partial<Record<NamedSeriesId, OkSeries>>;
  /** The source failed: since when and why (the charts show the last data under a banner). */
  unavailable: { sinceMs: number; message: string } | null;
  down: MetricsQueryResponse["down"];
  range: MetricsQueryResponse["range"] | null;
  loading: boolean;
}

function searchOf(series: readonly NamedSeriesId[], selector: Selector, r: MetricsUrlState): string {
  const p = new URLSearchParams({ series: series.join(","), range: r.range });
  if (r.range === "custom" && r.start !== null && r.end !== null) {
    p.set("start", String(r.start));
    p.set("end", String(r.end));
  }
  for (const [k, v] of Object.entries(selector)) if (v !== undefined) p.set(k, v);
  return p.toString();
}

/**
 * Named series from /api/metrics/query, refetched every scrape interval (never faster than 5 s) for live ranges.
 * When the source is unavailable, each series keeps its last data and `unavailable` says since when.
 */
export function useSeries(
  series: readonly NamedSeriesId[],
  selector: Selector,
  state: MetricsUrlState,
  intervalMs: number,
): SeriesData {
  const search = searchOf(series, selector, state);
  const lastGood = useRef(new Map<string, OkSeries>());
  const failingSince = useRef<number | null>(null);
  const query = useQuery({
    queryKey: ["metrics-query", search],
    queryFn: async ({ signal }): Promise<MetricsQueryResponse> => {
      const res = await fetch(`/api/metrics/query?${search}`, { signal, headers: { accept: "application/json" } });
      const body = (await res.json().catch(() => null)) as (MetricsQueryResponse & { error?: string }) | null;
      if (!res.ok || !body) throw new Error(body?.error ?? `the server answered HTTP ${res.status}`);
      return body;
    },
    refetchInterval: state.range === "custom" ? false : Math.max(intervalMs, 5000),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const byId: SeriesData["byId"] = {};
  let unavailable: SeriesData["unavailable"] = null;
  for (const r of query.data?.results ?? []) {
    const key = `${search}|${r.series}`;
    if (r.status === "ok") lastGood.current.set(key, r);
    else unavailable = { sinceMs: r.sinceMs, message: r.message };
    const shown = r.status === "ok" ? r : lastGood.current.get(key);
    if (shown) byId[r.series] = shown;
  }
  if (query.isError) {
    failingSince.current ??= Date.now();
    unavailable = { sinceMs: failingSince.current, message: (query.error as Error).message };
    for (const id of series) {
      const kept = lastGood.current.get(`${search}|${id}`);
      if (kept) byId[id] = kept;
    }
  } else if (query.isSuccess) failingSince.current = null;
  return {
    byId,
    unavailable,
    down: query.data?.down ?? [],
    range: query.data?.range ?? null,
    loading: query.isLoading,
  };
}

/** The last non-null value of each row of a series. */
export function lastValues(s: OkSeries | undefined): { labels: Record<string, string>; value: number | null }[] {
  return (s?.data ?? []).map((row) => ({ labels: row.labels, value: row.values.findLast((v) => v !== null) ?? null }));
}

export const sumLast = (s: OkSeries | undefined): number | null => {
  const values = lastValues(s)
    .map((r) => r.value)
    .filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
};
