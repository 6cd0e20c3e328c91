"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { useHydrated } from "./use-hydrated";

/**
 * Runs a server action and keeps its error for the form. On success it refreshes the page's server data, unless
 * `refresh: false` (the caller leaves the page). `onError` lets a control undo what it showed (a select reverts).
 * `ready` is false while the action runs and before the page is interactive: controls are disabled by it.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  { refresh = true }: { refresh?: boolean } = {},
) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const run = (input: I, onOk?: (data: T) => void, onError?: (error: string) => void) =>
    start(async () => {
      const result = await action(input);
      if (result.ok) {
        setError(null);
        setFieldErrors({});
        onOk?.(result.data);
        if (refresh) router.refresh();
      } else {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        onError?.(result.error);
      }
    });
  return { run, pending, ready: hydrated && !pending, error, fieldErrors };
}
