"use client";
import { memo, useId, useMemo, useState } from "react";
import { searchModels } from "@/lib/catalog";
import { Field, inputClass } from "../ui/field";

/** Catalog search as a WAI-ARIA combobox: type, arrows to choose, Enter to pick. Free text (a Hub id) is accepted too. */
export const ModelSearch = memo(function ModelSearch({
  label,
  initial = "",
  onPick,
  autoFocus,
}: {
  label: string;
  initial?: string;
  onPick: (modelId: string) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState(initial);
  // The model can change from outside (a one-click fix switches to the GPTQ checkpoint): show the new one.
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    setQuery(initial);
  }
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(() => (open ? searchModels(query, 8) : []), [open, query]);
  const pick = (modelId: string) => {
    setQuery(modelId);
    setOpen(false);
    onPick(modelId);
  };
  return (
    <div className="relative">
      <Field id={id} label={label}>
        <input
          id={id}
          role="combobox"
          aria-expanded={open && results.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
          autoFocus={autoFocus}
          className={inputClass}
          value={query}
          placeholder="Search the catalog, e.g. qwen2.5 7b int4"
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, Math.max(0, results.length - 1)));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === "Enter") {
              e.preventDefault();
              const hit = results[active];
              if (hit) pick(hit.id);
              else if (query.trim()) pick(query.trim());
            } else if (e.key === "Escape" && open) {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        />
        {open && results.length > 0 && (
          <ul
            id={`${id}-list`}
            role="listbox"
            aria-label={`${label} results`}
            className="absolute z-30 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-300 bg-white text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
          >
            {results.map((m, k) => (
              <li
                key={m.id}
                id={`${id}-opt-${k}`}
                role="option"
                aria-selected={k === active}
                className={`cursor-pointer px-2 py-1 ${k === active ? "bg-indigo-100 dark:bg-indigo-900" : ""}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(m.id);
                }}
              >
                <span className="font-medium">{m.displayName}</span>{" "}
                <span className="text-xs text-slate-500">{m.id}</span>
              </li>
            ))}
          </ul>
        )}
      </Field>
    </div>
  );
});
