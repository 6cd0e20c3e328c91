"use client";
import { memo, useId, useState } from "react";
import { useRegisteredHosts } from "@/components/hosts/registered-hosts";
import { boundHostPatch, hostFromRegistered } from "@/lib/designer/bound-host";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

const selectClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/**
 * "Bind host": make a planned host a registered one (it takes the real host's GPUs, so budgets are computed against
 * the real cards), or add a registered host to the plan. Shown when hosts are registered.
 */
export const BindHostDialog = memo(function BindHostDialog() {
  const registered = useRegisteredHosts();
  const [open, setOpen] = useState(false);
  if (!registered || registered.list.length === 0) return null;
  return (
    <Modal
      trigger="Bind host"
      title="Bind to a registered host"
      description="The planned host takes the registered host's GPUs, RAM, cores and labels; budgets then use the real cards."
      open={open}
      onOpenChange={setOpen}
    >
      {open && <BindHostBody onDone={() => setOpen(false)} />}
    </Modal>
  );
});

function BindHostBody({ onDone }: { onDone: () => void }) {
  const { state, dispatch } = useDesignerContext();
  const { list } = useRegisteredHosts()!;
  const planned = state.layout.hosts;
  const [plannedId, setPlannedId] = useState(planned[0]?.id ?? "");
  const [realId, setRealId] = useState(list[0]!.id);
  const real = list.find((h) => h.id === realId)!;
  const realField = useId();
  const plannedField = useId();
  const describe = (h: (typeof list)[number]) =>
    `${h.name} · ${h.gpus.length} GPU${h.gpus.length === 1 ? "" : "s"}${h.simulatedGpus ? " (simulated)" : ""} · ${h.status}`;
  return (
    <div className="space-y-3 text-sm">
      <div>
        <label htmlFor={realField} className="mb-1 block font-medium">
          Registered host
        </label>
        <select id={realField} className={selectClass} value={realId} onChange={(e) => setRealId(e.target.value)}>
          {list.map((h) => (
            <option key={h.id} value={h.id}>
              {describe(h)}
            </option>
          ))}
        </select>
      </div>
      {planned.length > 0 && (
        <div>
          <label htmlFor={plannedField} className="mb-1 block font-medium">
            Planned host
          </label>
          <select
            id={plannedField}
            className={selectClass}
            value={plannedId}
            onChange={(e) => setPlannedId(e.target.value)}
          >
            {planned.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} ({h.gpus.length} GPUs){h.boundHostId ? " · bound" : ""}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {planned.length > 0 && (
          <button
            type="button"
            className={primaryButtonClass}
            onClick={() => {
              dispatch({ type: "update-host", hostId: plannedId, patch: boundHostPatch(real) });
              onDone();
            }}
          >
            Bind {planned.find((h) => h.id === plannedId)?.name ?? "host"} to {real.name}
          </button>
        )}
        <button
          type="button"
          className={buttonClass}
          onClick={() => {
            dispatch({ type: "add-host", host: hostFromRegistered(real, new Set(planned.map((h) => h.id))) });
            onDone();
          }}
        >
          Add {real.name} as a new planned host
        </button>
      </div>
    </div>
  );
}
