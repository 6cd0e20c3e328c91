import type { ReactNode } from "react";

/** One number of the fleet overview, with what it is out of. */
export function StatTile({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId: string;
}) {
  return (
    <div
      data-testid={`stat-${testId}`}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="text-xs text-slate-600 dark:text-slate-400">{label}</p>
      <p className="text-xl font-semibold tabular-nums" data-testid={`stat-${testId}-value`}>
        {value}
      </p>
      {detail && <p className="text-xs text-slate-500">{detail}</p>}
    </div>
  );
}
