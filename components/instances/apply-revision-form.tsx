"use client";

import { useState } from "react";
import { loadRolloutInputs, type RolloutInputs } from "@/lib/actions/instances/load-rollout-inputs";
import type { RevisionChoice } from "@/lib/queries/layouts/list-revision-choices";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { FormError } from "../ui/field";
import { useAction } from "../ui/use-action";
import { useHydrated } from "../ui/use-hydrated";
import { RevisionApplyPlan } from "./revision-apply-plan";

/**
 * Apply a layout revision in two steps: pick one and see its plan against what runs for its layout now, then confirm
 * (RevisionApplyPlan). Applying records the desired state of its instances; the reconcile loop starts the containers.
 */
export function ApplyRevisionForm({ revisions }: { revisions: RevisionChoice[] }) {
  const [revisionId, setRevisionId] = useState(revisions[0]?.id ?? "");
  const [plan, setPlan] = useState<{ inputs: RolloutInputs; loaded: number } | null>(null);
  const load = useAction(loadRolloutInputs, { refresh: false });
  const hydrated = useHydrated();
  if (revisions.length === 0) return null;
  const review = (id: string) =>
    load.run({ revisionId: id }, (inputs) => setPlan((p) => ({ inputs, loaded: (p?.loaded ?? 0) + 1 })));
  // A plan is shown for the chosen revision only (an answer for one chosen before is dropped).
  const shown = plan?.inputs.revisionId === revisionId ? plan : null;
  return (
    <form
      aria-label="Apply a layout revision"
      className="mb-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        setPlan(null);
        review(revisionId);
      }}
    >
      <h2 className="mb-1 font-semibold">Apply a layout revision</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Pick a revision to see its plan against what runs for its layout now: new instances start, changed ones are
        replaced, removed ones stop, the rest keep running. Applying it records that desired state, checked against your
        host grants, and is refused if someone applied the layout after the plan was shown. The states below follow the
        containers as they come up.
      </p>
      <FormError message={load.error} />
      <div className="flex flex-wrap gap-2">
        <select
          name="revisionId"
          aria-label="Revision"
          value={revisionId}
          onChange={(e) => setRevisionId(e.target.value)}
          disabled={!hydrated}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {revisions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        {/* The form's main button until a plan is shown; then the plan's confirm is. */}
        <button type="submit" className={shown ? buttonClass : primaryButtonClass} disabled={!load.ready}>
          {load.pending ? "Loading the plan…" : "Show the plan"}
        </button>
      </div>
      {shown && (
        <RevisionApplyPlan
          key={`${shown.inputs.revisionId}#${shown.loaded}`}
          inputs={shown.inputs}
          onReviewAgain={() => review(shown.inputs.revisionId)}
        />
      )}
    </form>
  );
}
