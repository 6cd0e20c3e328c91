"use client";

import { useMemo, useState } from "react";
import { applyRevision } from "@/lib/actions/instances/apply-revision";
import type { RolloutInputs } from "@/lib/actions/instances/load-rollout-inputs";
import { applyBlocker } from "@/lib/layout/apply-blocker";
import { planRollout } from "@/lib/layout/rollout";
import { type AppliedRevision, AppliedRevisionSummary } from "../rollout/applied-revision-summary";
import { RolloutPlan } from "../rollout/rollout-plan";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { FormError } from "../ui/field";
import { useAction } from "../ui/use-action";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function appliedNow({ applied, deploymentVersion }: RolloutInputs): string {
  if (!applied) return "never applied yet";
  const what = applied.revisionNumber !== null ? `revision ${applied.revisionNumber}` : "a change";
  return `${what} applied by ${applied.by ?? "someone"} at ${utc(applied.at)}, version ${deploymentVersion}`;
}

/**
 * The plan for applying one revision (planRollout against what runs for its layout now), then a confirm button that
 * applies it with the deployment version the plan was made against: a plan made stale by another apply is refused,
 * with who applied what, and can be reviewed again.
 */
export function RevisionApplyPlan({ inputs, onReviewAgain }: { inputs: RolloutInputs; onReviewAgain: () => void }) {
  const steps = useMemo(() => planRollout(inputs.layout, inputs.running), [inputs]);
  const blocker = applyBlocker({ ...inputs, steps });
  const apply = useAction(applyRevision);
  const [done, setDone] = useState<AppliedRevision | null>(null);
  const count = inputs.running.length;
  return (
    <section
      aria-label={`Plan for revision ${inputs.revisionNumber} of ${inputs.layoutName}`}
      className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800"
    >
      <p className="font-semibold">
        Plan for revision {inputs.revisionNumber} of &ldquo;{inputs.layoutName}&rdquo;
      </p>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Compared with the {count} instance{count === 1 ? "" : "s"} running for this layout now ({appliedNow(inputs)}).
      </p>
      <RolloutPlan steps={steps} />
      {done ? (
        <AppliedRevisionSummary result={done} />
      ) : (
        <div className="mt-3 space-y-2">
          <FormError message={apply.error} />
          {blocker && (
            <p role="note" className="text-sm text-slate-700 dark:text-slate-300">
              {blocker}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={blocker !== null || !apply.ready}
              onClick={() =>
                apply.run({ revisionId: inputs.revisionId, expectedVersion: inputs.deploymentVersion }, setDone)
              }
            >
              {apply.pending ? "Applying…" : `Apply revision ${inputs.revisionNumber}`}
            </button>
            {apply.error && (
              <button type="button" className={buttonClass} onClick={onReviewAgain}>
                Review the plan again
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
