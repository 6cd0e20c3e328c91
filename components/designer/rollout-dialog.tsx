"use client";
import { memo, useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { isDirty } from "@/lib/designer/editor/reducer";
import { emptyPlanReason } from "@/lib/layout/empty-plan-reason";
import { type RunningInstance, planRollout } from "@/lib/layout/rollout";
import { hasErrors } from "@/lib/vocabulary/finding";
import { type AppliedRevision, AppliedRevisionSummary } from "../rollout/applied-revision-summary";
import { RolloutPlan } from "../rollout/rollout-plan";
import { primaryButtonClass } from "../ui/buttons";
import { FormError } from "../ui/field";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

export type ApplyRevision = (revisionNumber: number) => Promise<ActionResult<AppliedRevision>>;

/**
 * "Apply…": the plan first (what starts, stops or is replaced, from the diff between this layout and what runs), then
 * a confirm button that applies the saved revision through the apply-revision action and shows its result or error.
 * Memoized; the plan (and the layout it reads) is computed only while the dialog is open.
 */
export const RolloutDialog = memo(function RolloutDialog({
  running,
  revisionNumber,
  apply,
}: {
  running: RunningInstance[];
  revisionNumber: number;
  apply: ApplyRevision;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Modal
      trigger="Apply…"
      title={`Apply revision ${revisionNumber}`}
      description={`The plan, compared with the ${running.length} instance${running.length === 1 ? "" : "s"} running for this layout now.`}
      open={open}
      onOpenChange={setOpen}
    >
      <RolloutSteps running={running} revisionNumber={revisionNumber} apply={apply} />
    </Modal>
  );
});

function RolloutSteps({
  running,
  revisionNumber,
  apply,
}: {
  running: RunningInstance[];
  revisionNumber: number;
  apply: ApplyRevision;
}) {
  const { state, design, blockedBy } = useDesignerContext();
  const steps = useMemo(() => planRollout(state.layout, running), [state.layout, running]);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<AppliedRevision | null>(null);
  const empty = emptyPlanReason(state.layout, steps);
  const why = isDirty(state)
    ? `This layout has unsaved changes: save them as a revision first (Apply runs revision ${revisionNumber} as saved).`
    : blockedBy
      ? `A field holds a value that is not valid: ${blockedBy}.`
      : hasErrors(design.findings.all)
        ? "The layout has errors: fix them (see the findings above the grid) before applying."
        : null;
  const run = () =>
    start(async () => {
      setError(null);
      const result = await apply(revisionNumber);
      if (result.ok) setDone(result.data);
      else setError(result.error);
    });
  return (
    <>
      <RolloutPlan steps={steps} />
      {empty && <p className="text-sm">{empty}</p>}
      {done ? (
        <AppliedRevisionSummary result={done} />
      ) : (
        <div className="mt-3 space-y-2">
          <FormError message={error} />
          {why && (
            <p role="note" className="text-sm text-slate-700 dark:text-slate-300">
              {why}
            </p>
          )}
          <button
            type="button"
            className={primaryButtonClass}
            disabled={why !== null || pending || steps.length === 0}
            onClick={run}
          >
            {pending ? "Applying…" : `Apply revision ${revisionNumber}`}
          </button>
        </div>
      )}
    </>
  );
}
