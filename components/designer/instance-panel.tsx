"use client";
import { useCallback, useMemo } from "react";
import { BudgetTermsTable } from "@/components/budget/budget-terms-table";
import { dockerRunLine } from "@/lib/engines/docker-run";
import type { Finding, FindingFix } from "@/lib/vocabulary/finding";
import type { Instance } from "@/lib/vocabulary/layout-schema";
import { instanceLabel } from "@/lib/designer/derive/bands";
import { instanceColor } from "@/lib/designer/derive/colors";
import { instanceFindings } from "@/lib/designer/derive/derive";
import { buttonClass } from "../ui/buttons";
import { FindingsList } from "./findings-list";
import { InstanceForm } from "./instance-form";
import { useDesignerContext } from "./use-designer";

/** The side panel of an opened instance: where it runs, its budget, its findings with fixes, its settings. */
export function InstancePanel({ instance }: { instance: Instance }) {
  const { state, design, dispatch, readOnly } = useDesignerContext();
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
  const docker = useMemo(() => safeDockerLine(instance), [instance]);
  const where = instance.placement
    ? `${instance.placement.hostId}, GPU ${instance.placement.gpuIndices.join(", ")}`
    : "not placed on GPUs yet";
  return (
    <section aria-label={`Instance ${instance.id}`} className="space-y-4">
      <header className="space-y-1">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          <span
            aria-hidden
            className="inline-block h-3 w-3 rounded-sm"
            style={{ background: instanceColor(instance.id) }}
          />
          {instance.name ?? instance.id}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{instanceLabel(instance)}</p>
        <p className="text-sm">Runs on: {where}</p>
        <div className="flex flex-wrap gap-2 pt-1">
          {!readOnly && (
            <>
              <button
                type="button"
                className={buttonClass}
                onClick={() => dispatch({ type: "duplicate-instance", id: instance.id })}
              >
                Duplicate {instance.id}
              </button>
              <button
                type="button"
                className={buttonClass}
                onClick={() => dispatch({ type: "remove-instance", id: instance.id })}
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
        <p className="text-sm text-slate-500">No budget: the model is unknown.</p>
      )}
      <InstanceForm instance={instance} onPatch={onPatch} readOnly={readOnly} />
      <details className="text-xs">
        <summary className="cursor-pointer font-medium">docker run</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 dark:bg-slate-800">{docker}</pre>
      </details>
    </section>
  );
}

function safeDockerLine(instance: Instance): string {
  try {
    return dockerRunLine(instance, { multiline: true });
  } catch {
    return "(no command: the instance is incomplete)";
  }
}
