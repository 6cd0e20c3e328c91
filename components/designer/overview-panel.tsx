"use client";
import type { Finding, FindingFix } from "@/lib/vocabulary/finding";
import { formatBytes } from "@/lib/format";
import { slotGpuName } from "@/lib/layout/resolvers";
import { buttonClass } from "../ui/buttons";
import { FindingsList } from "./findings-list";
import { useDesignerContext } from "./use-designer";

/** The side panel when nothing is open: how to start, the hosts, instances without GPUs, layout-wide problems. */
export function OverviewPanel() {
  const { state, design, dispatch, readOnly } = useDesignerContext();
  const unplaced = state.layout.instances.filter((i) => !i.placement);
  const onFix = (f: Finding, fix: FindingFix) => dispatch({ type: "apply-fix", finding: f, fix });
  return (
    <section aria-label="Layout overview" className="space-y-4">
      {!readOnly && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Select free GPUs (click, shift-click, drag across them, or Space in the grid), then pick a model. Click a
          block to edit it; drag it to move; drag its right edge to change TP.
        </p>
      )}
      <FindingsList findings={design.findings.general} onFix={onFix} readOnly={readOnly} label="Layout problems" />
      {unplaced.length > 0 && (
        <div>
          <h2 className="mb-1 text-sm font-semibold">Not on GPUs yet ({unplaced.length})</h2>
          <ul className="space-y-1 text-sm">
            {unplaced.map((i) => (
              <li key={i.id}>
                <button
                  type="button"
                  className="underline"
                  onClick={() => dispatch({ type: "open-instance", id: i.id })}
                >
                  Open {i.id}
                </button>{" "}
                <span className="text-slate-500">
                  {i.model}, TP {i.tp}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h2 className="mb-1 text-sm font-semibold">Hosts ({state.layout.hosts.length})</h2>
        <ul className="space-y-1 text-sm">
          {state.layout.hosts.slice(0, 50).map((h) => (
            <li key={h.id} className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate">
                {h.name}: {h.gpus.length}× {h.gpus[0] ? slotGpuName(h.gpus[0]) : "no GPUs"}, {formatBytes(h.ramBytes)}{" "}
                RAM, {h.cpuCores} cores
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className={`${buttonClass} px-2 py-0.5 text-xs`}
                  aria-label={`Remove host ${h.name}`}
                  onClick={() => dispatch({ type: "remove-host", hostId: h.id })}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
