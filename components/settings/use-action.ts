"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type Result<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Runs a server action, keeps its error for the form, and refreshes the page's server data on success. */
export function useAction<I, T>(action: (input: I) => Promise<Result<T>>) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const run = (input: I, onOk?: (data: T) => void) =>
    start(async () => {
      const result = await action(input);
      if (result.ok) {
        setError(null);
        setFieldErrors({});
        onOk?.(result.data);
        router.refresh();
      } else {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  return { run, pending, error, fieldErrors };
}
