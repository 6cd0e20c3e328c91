"use client";
import { memo, useState } from "react";
import { countLine, type FindingsGroup, groupFindings } from "@/lib/designer/derive/findings-groups";
import { sameItems } from "@/lib/layout/check-cache";
import type { Finding } from "@/lib/vocabulary/finding";
import { useDesignerStable } from "./use-designer";

/** Groups open by default while the layout has at most this many findings; past it, each opens on demand. */
const OPEN_UP_TO = 8;

/**
 * Every error and warning of the layout above the grid, grouped by what they are about, each linking to its
 * instance (opens it in the side panel and moves focus to its block). Re-renders only when the findings change.
 */
export const FindingsSummary = memo(
  function FindingsSummary({ findings }: { findings: Finding[] }) {
    const groups = groupFindings(findings);
    const errors = findings.some((f) => f.severity === "error");
    return (
      <section
        aria-label="Findings"
        className={`rounded-lg border p-3 text-sm ${
          findings.length === 0
            ? "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
            : errors
              ? "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30"
              : "border-amber-300 bg-amber-50/60 dark:border-amber-900 dark:bg-amber-950/30"
        }`}
      >
        <h2 className="font-semibold">{countLine(findings)}</h2>
        {groups.length > 0 && (
          <ul className="mt-1 space-y-1">
            {groups.map((group) => (
              <Group key={group.key} group={group} initiallyOpen={findings.length <= OPEN_UP_TO} />
            ))}
          </ul>
        )}
      </section>
    );
  },
  (a, b) => sameItems(a.findings, b.findings),
);

function Group({ group, initiallyOpen }: { group: FindingsGroup; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const noun = group.severity === "error" ? "error" : "warning";
  const count = group.findings.length;
  return (
    <li>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer">
          <span
            className={`font-medium ${group.severity === "error" ? "text-red-800 dark:text-red-300" : "text-amber-900 dark:text-amber-300"}`}
          >
            {group.title}
          </span>
          : {count} {noun}
          {count === 1 ? "" : "s"}
        </summary>
        {/* Rendered only while open: a large layout's hundred warnings cost nothing until someone looks. */}
        {open && (
          <ul aria-label={`${group.title} ${noun}s`} className="mt-1 space-y-1 pl-4">
            {group.findings.map((f, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one code may repeat for an instance; the list is rebuilt, never reordered
              <FindingLine key={`${f.code}-${f.instanceId ?? f.hostId ?? ""}-${k}`} finding={f} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

const FindingLine = memo(function FindingLine({ finding }: { finding: Finding }) {
  const { dispatch, focusInstance } = useDesignerStable();
  const id = finding.instanceId;
  return (
    <li data-code={finding.code} className="flex flex-wrap items-baseline gap-x-2">
      {id ? (
        <button
          type="button"
          className="font-medium underline"
          onClick={() => {
            dispatch({ type: "open-instance", id });
            focusInstance(id);
          }}
        >
          {id}
        </button>
      ) : (
        <span className="font-medium">{finding.hostId ?? "layout"}</span>
      )}
      <span className="min-w-0 break-words text-slate-700 dark:text-slate-300">{finding.message}</span>
    </li>
  );
});
