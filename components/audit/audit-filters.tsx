import type { AuditFilter } from "@/lib/audit/audit-filter";
import { primaryButtonClass } from "../ui/buttons";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and exported. */
export function AuditFilters({ filter, actions }: { filter: AuditFilter; actions: string[] }) {
  const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter audit events">
      <label>
        <span className="block font-medium">Search</span>
        <input name="q" defaultValue={filter.q} placeholder="host, layout, ip…" className={input} />
      </label>
      <label>
        <span className="block font-medium">Action</span>
        <select name="action" defaultValue={filter.action ?? ""} className={input}>
          <option value="">any</option>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label>
        <span className="block font-medium">Who</span>
        <input name="actor" defaultValue={filter.actor} placeholder="username" className={input} />
      </label>
      <label>
        <span className="block font-medium">From</span>
        <input type="date" name="from" defaultValue={filter.from} className={input} />
      </label>
      <label>
        <span className="block font-medium">To</span>
        <input type="date" name="to" defaultValue={filter.to} className={input} />
      </label>
      <button type="submit" className={primaryButtonClass}>
        Filter
      </button>
      <a className="underline" href={`/api/audit/export?${query.toString()}`} download>
        Export CSV
      </a>
    </form>
  );
}
