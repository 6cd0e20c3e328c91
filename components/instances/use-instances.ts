"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InstanceDetailOut, InstanceOut } from "./wire-types";

/**
 * Observed state reaches the page by polling the API once a second (TanStack Query): the reconciler records a change
 * within a pass (events make it run at once; 1 s passes while anything converges), so the page shows it in ≤ 2 s.
 * Polling needs no open connection per viewer and goes through every proxy; the logs, which must stream, use SSE.
 */
export const POLL_MS = 1_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `${url} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every page of GET /api/v1/instances, in the order the page renders them first (layout name, then key). */
async function allInstances(): Promise<InstanceOut[]> {
  const items: InstanceOut[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await getJson<{ items: InstanceOut[]; nextCursor: string | null }>(
      `/api/v1/instances?limit=1000${query}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items.sort((a, b) => compare(a.layoutName, b.layoutName) || compare(a.instanceKey, b.instanceKey));
}

export function useInstances(initial: InstanceOut[]) {
  return useQuery({
    queryKey: ["instances"],
    queryFn: allInstances,
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

export function useInstanceDetail(initial: InstanceDetailOut) {
  return useQuery({
    queryKey: ["instance", initial.id],
    queryFn: () => getJson<InstanceDetailOut>(`/api/v1/instances/${initial.id}`),
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}
