"use client";

import { useState } from "react";
import { applyRevision } from "@/lib/actions/instances/apply-revision";
import { useAction } from "@/components/ui/use-action";
import type { RevisionChoice } from "@/lib/queries/layouts/list-revision-choices";
import { primaryButtonClass } from "../ui/buttons";
import { FormError } from "../ui/field";

/** Apply a layout revision: records the desired state of its instances; the reconcile loop starts the containers. */
export function ApplyRevisionForm({ revisions }: { revisions: RevisionChoice[] }) {
  const apply = useAction(applyRevision);
  const [done, setDone] = useState<string | null>(null);
  if (revisions.length === 0) return null;
  return (
    <form
      aria-label="Apply a layout revision"
      className="mb-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        const revisionId = String(new FormData(e.currentTarget).get("revisionId"));
        setDone(null);
        apply.run({ revisionId }, (d) =>
          setDone(
            `Applied revision ${d.revisionNumber}: ${d.applied.map((a) => `${a.instanceKey} on ${a.hostName}`).join(", ") || "no instances"}.${d.waiting.length ? ` Unreachable now (converges when back): ${d.waiting.map((w) => w.hostName).join(", ")}.` : ""}`,
          ),
        );
      }}
    >
      <h2 className="mb-1 font-semibold">Apply a layout revision</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Applying records the desired state of every instance in the revision, checked against your host grants: new
        instances start, changed ones are replaced, removed ones stop, the rest keep running. The states below follow
        the containers as they come up.
      </p>
      <FormError message={apply.error} />
      {done && (
        <p role="status" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
          {done}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <select
          name="revisionId"
          aria-label="Revision"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {revisions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="submit" className={primaryButtonClass} disabled={apply.pending}>
          Apply
        </button>
      </div>
    </form>
  );
}
