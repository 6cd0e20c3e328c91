import Link from "next/link";
import { formatRelativeTime } from "@/lib/format";
import type { RevisionMeta } from "@/lib/queries/layouts/get-layout";
import { buttonClass } from "../ui/buttons";
import { inputClass } from "../ui/field";

/** Every revision of a layout (who, when, note) with its permalink, and a form to compare any two. */
export function RevisionList({ layoutId, revisions }: { layoutId: string; revisions: RevisionMeta[] }) {
  const newest = revisions[0]?.number ?? 1;
  const previous = revisions[1]?.number ?? newest;
  return (
    <section aria-labelledby="revisions-heading" className="space-y-3">
      <h2 id="revisions-heading" className="text-lg font-semibold">
        Revisions
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">Revisions, newest first</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col">#</th>
            <th scope="col">Note</th>
            <th scope="col">Author</th>
            <th scope="col">Saved</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.number} className="border-t border-slate-100 dark:border-slate-800">
              <td>
                <Link className="underline" href={`/layouts/${layoutId}/revisions/${r.number}`}>
                  Revision {r.number}
                </Link>
              </td>
              <td>{r.note || "—"}</td>
              <td>{r.authorName ?? "unknown"}</td>
              <td title={r.createdAt.toISOString()}>{formatRelativeTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions.length > 1 && (
        <form action={`/layouts/${layoutId}/diff`} method="get" className="flex flex-wrap items-end gap-2">
          <RevisionSelect label="From" name="from" defaultValue={previous} numbers={revisions.map((r) => r.number)} />
          <RevisionSelect label="To" name="to" defaultValue={newest} numbers={revisions.map((r) => r.number)} />
          <button type="submit" className={buttonClass}>
            Compare revisions
          </button>
        </form>
      )}
    </section>
  );
}

function RevisionSelect({
  label,
  name,
  defaultValue,
  numbers,
}: {
  label: string;
  name: string;
  defaultValue: number;
  numbers: number[];
}) {
  return (
    <label className="text-xs">
      {label}
      <select name={name} defaultValue={defaultValue} className={inputClass}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
