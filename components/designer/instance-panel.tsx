"use client";
import { useCallback, useMemo } from "react";
import { BudgetTermsTable } from "@/components/budget/budget-terms-table";
import type { BudgetGpu } from "@/lib/budget/instance";
import { instanceLabel } from "@/lib/designer/derive/bands";
import { instanceColor } from "@/lib/designer/derive/colors";
import { instanceFindings } from "@/lib/designer/derive/derive";
import { dockerRunLine } from "@/lib/engines/docker-run";
import { DEFAULT_PLANNING_GPU, resolveGpu } from "@/lib/layout/resolvers";
import type { Finding, FindingFix } from "@/lib/vocabulary/finding";
import type { Instance, Layout } from "@/lib/vocabulary/layout-schema";
import { buttonClass } from "../ui/buttons";
import { FindingsList } from "./findings-list";
import { InstanceForm } from "./instance-form";
import { InstanceSettingsList } from "./instance-settings-list";
import { useDesignerContext, useDesignerStable } from "./use-designer";

/** The card an instance is planned on: its host's first placed GPU, else the planning default. */
function gpuOf(layout: Layout, instance: Instance): BudgetGpu {
  const placement = instance.placement;
  const slot = placement
    ? layout.hosts.find((h) => h.id === placement.hostId)?.gpus.find((g) => g.index === placement.gpuIndices[0])
    : undefined;
  return (slot && resolveGpu(slot)) ?? DEFAULT_PLANNING_GPU;
}

/** The side panel of an opened instance: where it runs, its budget, its findings with fixes, its settings. */
export function InstancePanel({ instance }: { instance: Instance }) {
  const { state, design, dispatch, readOnly, vramCeiling } = useDesignerContext();
  const { reportField, focusInstance } = useDesignerStable();
  const budget = design.budget.instances[instance.id];
  const findings = instanceFindings(design, state.commandFindings, instance.id);
  const onPatch = useCallback(
    (patch: Partial<Instance>) => dispatch({ type: "update-instance", id: instance.id, patch }),
    [dispatch, instance.id],
  );
  const onFix = useCallback(
    (f: Finding, fix: FindingFix) =>
      dispatch({ type: "apply-fix", finding: { ...f, instanceId: f.instanceId ?? instance.id }, fix }),
    [dispatch, instance.id],
  );
  const onValidity = useCallback(
    (key: string, label: string, error: string | undefined) =>
      reportField(`${instance.id}/${key}`, error && `${label} of "${instance.id}": ${error}`),
    [reportField, instance.id],
  );
  const placement = instance.placement;
  const hostId = placement?.hostId;
  const firstGpu = placement?.gpuIndices[0];
  // The card, by value: a new object on every edit would recompute the form's memory-share default.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the card depends on the host and its first GPU only
  const gpu = useMemo(() => gpuOf(state.layout, instance), [state.layout.hosts, hostId, firstGpu]);
  const docker = useMemo(() => safeDockerLine(instance), [instance]);
  const where = placement ? `${placement.hostId}, GPU ${placement.gpuIndices.join(", ")}` : "not placed on GPUs yet";
  return (
    <section aria-label={`Instance ${instance.id}`} className="space-y-4">
      <header className="space-y-1">
        <h2
          tabIndex={-1}
          data-instance-heading={instance.id}
          className="flex items-center gap-2 break-all text-lg font-semibold"
        >
          <span
            aria-hidden
            className="inline-block h-3 w-3 shrink-0 rounded-sm"
            style={{ background: instanceColor(instance.id) }}
          />
          {instance.name ?? instance.id}
        </h2>
        <p className="break-words text-sm text-slate-600 dark:text-slate-400">{instanceLabel(instance)}</p>
        <p className="text-sm">Runs on: {where}</p>
        <div className="flex flex-wrap gap-2 pt-1">
          {!readOnly && (
            <>
              <button
                type="button"
                className={buttonClass}
                onClick={() => {
                  focusInstance(null);
                  dispatch({ type: "duplicate-instance", id: instance.id });
                }}
              >
                Duplicate {instance.id}
              </button>
              <button
                type="button"
                className={buttonClass}
                onClick={() => {
                  dispatch({ type: "remove-instance", id: instance.id });
                  focusGridStop();
                }}
              >
                Delete {instance.id}
              </button>
            </>
          )}
          <button type="button" className={buttonClass} onClick={() => dispatch({ type: "open-instance", id: null })}>
            Close panel
          </button>
        </div>
      </header>
      <FindingsList findings={findings} onFix={onFix} readOnly={readOnly} label={`Problems of ${instance.id}`} />
      {budget ? (
        <BudgetTermsTable budget={budget} instanceId={instance.id} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No budget: the model is unknown.</p>
      )}
      {readOnly ? (
        <InstanceSettingsList instance={instance} />
      ) : (
        <InstanceForm
          instance={instance}
          gpu={gpu}
          vramCeiling={vramCeiling}
          onPatch={onPatch}
          onValidity={onValidity}
        />
      )}
      <details className="text-xs">
        <summary className="cursor-pointer font-medium">docker run</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 dark:bg-slate-800">{docker}</pre>
      </details>
    </section>
  );
}

/** Focus back to the grid's Tab stop when the panel the focus was in goes away. */
function focusGridStop() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')?.focus());
}

function safeDockerLine(instance: Instance): string {
  try {
    return dockerRunLine(instance, { multiline: true });
  } catch {
    return "(no command: the instance is incomplete)";
  }
}
