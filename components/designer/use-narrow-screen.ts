"use client";
import { useSyncExternalStore } from "react";

/** Below this width the designer is read-only: a phone reads the plan, a wider window edits it. */
const NARROW = "(max-width: 639.98px)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Whether the window is phone-narrow (false on the server and in the first render, which must match it). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
