"use client";
import { memo, useMemo, useState } from "react";
import { listGpus } from "@/lib/catalog";
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
}

/**
 * "Add host: 4× RTX 4090D 24 GB, 64 GB RAM, 16 cores": a planned host for hardware you may not own yet.
 * Memoized and reading no designer state while closed, so edits do not re-render the dialog; the form keeps its values.
 */
export const AddHostDialog = memo(function AddHostDialog() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<HostForm>({ name: null, gpuId: "rtx-4090d", count: 4, ramGiB: 64, cores: 16 });
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
  const { name, gpuId, count, ramGiB, cores } = form;
  const add = () => {
    dispatch({
      type: "add-host",
      host: plannedHost({ name: name ?? suggested, gpuId, gpuCount: count, ramGiB, cpuCores: cores }),
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
      <button type="button" className={`${primaryButtonClass} mt-4`} onClick={add}>
        Add {count}× {gpus.find((g) => g.id === gpuId)?.name ?? gpuId}
      </button>
    </>
  );
}
