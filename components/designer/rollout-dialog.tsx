"use client";
import { memo, useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { isDirty } from "@/lib/designer/editor/reducer";
import { type RolloutAction, type RunningInstance, planRollout } from "@/lib/layout/rollout";
import { hasErrors } from "@/lib/vocabulary/finding";
import { primaryButtonClass } from "../ui/buttons";
import { FormError } from "../ui/field";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

const TITLES: Record<RolloutAction, string> = {
  stop: "Stop",
  replace: "Replace (stop, then start)",
  start: "Start",
  keep: "Keep running",
};
const ORDER: RolloutAction[] = ["stop", "replace", "start", "keep"];

/** What applying returned, as the designer shows it (the apply-revision action's result). */
export interface AppliedRevision {
  revisionNumber: number;
  applied: { instanceKey: string; hostName: string; desiredState: string }[];
  stopped: string[];
}

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
      {ORDER.map((action) => {
        const group = steps.filter((s) => s.action === action);
        if (group.length === 0) return null;
        return (
          <section key={action} aria-label={TITLES[action]} className="mb-3">
            <h3 className="text-sm font-semibold">
              {TITLES[action]} ({group.length})
            </h3>
            <ul className="list-disc pl-5 text-sm">
              {group.map((s) => (
                <li key={`${s.action}-${s.instanceId}`}>
                  {s.instanceId}: {s.reason}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {steps.length === 0 && <p className="text-sm">Nothing to do: the layout has no instances and nothing runs.</p>}
      {done ? (
        <AppliedSummary result={done} />
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

function AppliedSummary({ result }: { result: AppliedRevision }) {
  const started = result.applied.map((a) => `${a.instanceKey} on ${a.hostName}`).join(", ");
  return (
    <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">
      Applied revision {result.revisionNumber}: {started || "no instances"}
      {result.stopped.length > 0 ? `; stopping ${result.stopped.join(", ")}` : ""}.
    </p>
  );
}
