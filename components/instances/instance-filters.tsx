"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { REPLICA_STATES } from "@/lib/vocabulary/replica-state";

/** The Instances page's filters, kept in the URL (?layout=…&host=…&state=…) so a filtered view can be shared. */
export const filterParsers = { layout: parseAsString, host: parseAsString, state: parseAsString };

export function useInstanceFilters() {
  return useQueryStates(filterParsers);
}

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";

export function InstanceFilters({
  layouts,
  hosts,
}: {
  layouts: { id: string; name: string }[];
  hosts: { id: string; name: string }[];
}) {
  const [filters, setFilters] = useInstanceFilters();
  const pick = (key: keyof typeof filterParsers) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    void setFilters({ [key]: e.target.value || null });
  return (
    <div className="mb-4 flex flex-wrap gap-3 text-sm" role="group" aria-label="Filter instances">
      <label className="flex items-center gap-1">
        Layout
        <select aria-label="Layout" className={selectClass} value={filters.layout ?? ""} onChange={pick("layout")}>
          <option value="">all</option>
          {layouts.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Host
        <select aria-label="Host" className={selectClass} value={filters.host ?? ""} onChange={pick("host")}>
          <option value="">all</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        State
        <select aria-label="State" className={selectClass} value={filters.state ?? ""} onChange={pick("state")}>
          <option value="">all</option>
          {REPLICA_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
