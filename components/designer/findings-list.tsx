import { type Finding, type FindingFix, fixesOf } from "@/lib/vocabulary/finding";

const fixButtonClass =
  "rounded bg-slate-900 px-2 py-1 text-xs font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300";

/** Errors and warnings, each with its fixes as one-click actions where they exist (one button per possible fix). */
export function FindingsList({
  findings,
  onFix,
  readOnly,
  label,
}: {
  findings: Finding[];
  onFix: (f: Finding, fix: FindingFix) => void;
  readOnly: boolean;
  label: string;
}) {
  if (findings.length === 0) return null;
  return (
    <ul aria-label={label} className="space-y-2">
      {findings.map((f, k) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the same code can be found twice on one instance; the list is rebuilt, never reordered
          key={`${f.code}-${f.instanceId ?? ""}-${k}`}
          role={f.severity === "error" ? "alert" : undefined}
          data-code={f.code}
          className={`rounded-md border p-2 text-sm ${
            f.severity === "error"
              ? "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40"
              : "border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40"
          }`}
        >
          <p>
            <span
              className={`mr-1 font-semibold ${f.severity === "error" ? "text-red-800 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}`}
            >
              {f.severity === "error" ? "Error" : "Warning"}:
            </span>
            {f.message}
          </p>
          <p className="mt-1 text-slate-700 dark:text-slate-300">Fix: {f.fix}</p>
          {!readOnly && <FixButtons finding={f} onFix={onFix} />}
        </li>
      ))}
    </ul>
  );
}

function FixButtons({ finding, onFix }: { finding: Finding; onFix: (f: Finding, fix: FindingFix) => void }) {
  const fixes = fixesOf(finding).filter((fix) => fix.instanceId ?? finding.instanceId);
  if (fixes.length === 0) return null;
  if (fixes.length === 1)
    return (
      <button
        type="button"
        onClick={() => onFix(finding, fixes[0]!)}
        aria-label={`Apply fix: ${finding.fix}`}
        className={`mt-1 ${fixButtonClass}`}
      >
        Apply this fix
      </button>
    );
  return (
    <div role="group" aria-label="Possible fixes" className="mt-1 flex flex-wrap gap-1">
      {fixes.map((fix) => (
        <button
          key={fix.label}
          type="button"
          onClick={() => onFix(finding, fix)}
          aria-label={`Apply fix: ${fix.label}`}
          className={fixButtonClass}
        >
          {fix.label}
        </button>
      ))}
    </div>
  );
}
