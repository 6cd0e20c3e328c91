"use client";
import { memo, useMemo, useState } from "react";
import { WSL2_EXTRA_BYTES } from "@/lib/budget/non-torch";
import { listGpus } from "@/lib/catalog";
import { GIB } from "@/lib/vocabulary/units";
import { nextHostName, plannedHost } from "@/lib/designer/new-host";
import { primaryButtonClass } from "../ui/buttons";
import { NumberField, SelectField, TextField } from "../ui/edit-fields";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

interface HostForm {
  name: string | null;
  gpuId: string;
  count: number;
  ramGiB: number;
  cores: number;
  wsl2: boolean;
}

/**
 * "Add host: 4× RTX 4090D 24 GB, 64 GB RAM, 16 cores": a planned host for hardware you may not own yet.
 * Memoized and reading no designer state while closed, so edits do not re-render the dialog; the form keeps its values.
 */
export const AddHostDialog = memo(function AddHostDialog() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<HostForm>({
    name: null,
    gpuId: "rtx-4090d",
    count: 4,
    ramGiB: 64,
    cores: 16,
    wsl2: false,
  });
  return (
    <Modal
      trigger="Add host"
      title="Add a planned host"
      description="Plan hardware you may not own yet; bind it to a registered host later."
      open={open}
      onOpenChange={setOpen}
    >
      <AddHostBody
        form={form}
        onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
        onAdded={() => {
          setForm((f) => ({ ...f, name: null }));
          setOpen(false);
        }}
      />
    </Modal>
  );
});

/** The open dialog's fields: the only part that reads the layout (for the suggested host name). */
function AddHostBody({
  form,
  onChange,
  onAdded,
}: {
  form: HostForm;
  onChange: (patch: Partial<HostForm>) => void;
  onAdded: () => void;
}) {
  const { state, dispatch } = useDesignerContext();
  const gpus = useMemo(() => listGpus().filter((g) => g.id !== "custom"), []);
  const suggested = nextHostName(state.layout.hosts.map((h) => h.name));
  const { name, gpuId, count, ramGiB, cores, wsl2 } = form;
  const add = () => {
    dispatch({
      type: "add-host",
      host: plannedHost({ name: name ?? suggested, gpuId, gpuCount: count, ramGiB, cpuCores: cores, wsl2 }),
    });
    onAdded();
  };
  return (
    <>
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <TextField label="Host name" value={name ?? suggested} onCommit={(v) => onChange({ name: v })} />
        </div>
        <SelectField
          label="GPU model"
          value={gpuId}
          options={gpus.map((g) => ({ value: g.id, label: g.name }))}
          onChange={(v) => onChange({ gpuId: v })}
        />
        <NumberField
          label="GPUs"
          value={count}
          integer
          min={1}
          max={64}
          onCommit={(v) => v !== undefined && onChange({ count: v })}
        />
        <NumberField
          label="RAM (GiB)"
          value={ramGiB}
          min={1}
          onCommit={(v) => v !== undefined && onChange({ ramGiB: v })}
        />
        <NumberField
          label="CPU cores"
          value={cores}
          integer
          min={1}
          max={4096}
          onCommit={(v) => v !== undefined && onChange({ cores: v })}
        />
      </div>
      <label className="mt-3 flex items-start gap-2 text-sm">
        <input type="checkbox" checked={wsl2} onChange={(e) => onChange({ wsl2: e.target.checked })} className="mt-1" />
        <span>
          Runs under WSL2
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Docker Desktop on Windows: CUDA there keeps about {(WSL2_EXTRA_BYTES / GIB).toFixed(2)} GiB more per GPU
            outside the engine&apos;s tensors.
          </span>
        </span>
      </label>
      <button type="button" className={`${primaryButtonClass} mt-4`} onClick={add}>
        Add {count}× {gpus.find((g) => g.id === gpuId)?.name ?? gpuId}
      </button>
    </>
  );
}
