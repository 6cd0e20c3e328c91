"use client";
import { useMemo, useState } from "react";
import { listGpus } from "@/lib/catalog";
import { nextHostName, plannedHost } from "@/lib/layouts/new-host";
import { NumberField, SelectField, TextField, primaryButtonClass } from "./fields";
import { Modal } from "./modal";
import { useDesignerContext } from "./use-designer";

/** "Add host: 4× RTX 4090D 24 GB, 64 GB RAM, 16 cores": a planned host for hardware you may not own yet. */
export function AddHostDialog() {
  const { state, dispatch } = useDesignerContext();
  const [open, setOpen] = useState(false);
  const gpus = useMemo(() => listGpus().filter((g) => g.id !== "custom"), []);
  const suggested = nextHostName(state.layout.hosts.map((h) => h.name));
  const [name, setName] = useState<string | null>(null);
  const [gpuId, setGpuId] = useState("rtx-4090d");
  const [count, setCount] = useState(4);
  const [ramGiB, setRamGiB] = useState(64);
  const [cores, setCores] = useState(16);
  const add = () => {
    dispatch({ type: "add-host", host: plannedHost({ name: name ?? suggested, gpuId, gpuCount: count, ramGiB, cpuCores: cores }) });
    setName(null);
    setOpen(false);
  };
  return (
    <Modal trigger="Add host" title="Add a planned host" description="Plan hardware you may not own yet; bind it to a registered host later." open={open} onOpenChange={setOpen}>
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <TextField label="Host name" value={name ?? suggested} onCommit={setName} />
        </div>
        <SelectField label="GPU model" value={gpuId} options={gpus.map((g) => ({ value: g.id, label: g.name }))} onChange={setGpuId} />
        <NumberField label="GPUs" value={count} integer min={1} max={64} onCommit={(v) => v !== undefined && setCount(v)} />
        <NumberField label="RAM (GiB)" value={ramGiB} min={1} onCommit={(v) => v !== undefined && setRamGiB(v)} />
        <NumberField label="CPU cores" value={cores} integer min={1} max={4096} onCommit={(v) => v !== undefined && setCores(v)} />
      </div>
      <button type="button" className={`${primaryButtonClass} mt-4`} onClick={add}>
        Add {count}× {gpus.find((g) => g.id === gpuId)?.name ?? gpuId}
      </button>
    </Modal>
  );
}
