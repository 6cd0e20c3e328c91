"use client";

import { RANGE_CHOICES, RANGE_PRESETS, type RangeChoice } from "@/lib/metrics/api/range";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { useMetricsUrlState } from "./url-state";

const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** 5 m / 1 h / 6 h / 24 h / custom, kept in the URL. */
export function RangePicker() {
  const [state, setState] = useMetricsUrlState();
  const pick = (range: RangeChoice) => {
    if (range !== "custom") return void setState({ range, start: null, end: null });
    const end = Date.now();
    void setState({ range, start: state.start ?? end - RANGE_PRESETS["1h"], end: state.end ?? end });
  };
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
      {RANGE_CHOICES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={state.range === r}
          className={state.range === r ? primaryButtonClass : buttonClass}
          onClick={() => pick(r)}
        >
          {r === "custom" ? "Custom" : r}
        </button>
      ))}
      {state.range === "custom" && (
        <>
          <label className="text-sm">
            From{" "}
            <input
              type="datetime-local"
              aria-label="From"
              className="rounded-md border border-slate-300 px-1 text-sm dark:border-slate-700 dark:bg-slate-950"
              value={state.start ? toLocalInput(state.start) : ""}
              onChange={(e) => void setState({ start: new Date(e.target.value).getTime() })}
            />
          </label>
          <label className="text-sm">
            To{" "}
            <input
              type="datetime-local"
              aria-label="To"
              className="rounded-md border border-slate-300 px-1 text-sm dark:border-slate-700 dark:bg-slate-950"
              value={state.end ? toLocalInput(state.end) : ""}
              onChange={(e) => void setState({ end: new Date(e.target.value).getTime() })}
            />
          </label>
        </>
      )}
    </div>
  );
}
