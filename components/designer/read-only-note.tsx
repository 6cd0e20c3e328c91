/** Why the designer cannot be edited here, said once at the top (not at save time). */
export function ReadOnlyNote({ reason }: { reason: string }) {
  return (
    <p
      role="note"
      aria-label="Read-only"
      className="rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
    >
      {reason}
    </p>
  );
}
