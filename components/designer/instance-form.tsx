"use client";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { TGI_QUANTIZE_METHODS } from "@/lib/engines/tgi/flags";
import { VLLM_QUANTIZATION_METHODS } from "@/lib/engines/vllm/flags";
import type { Instance } from "@/lib/vocabulary/layout-schema";
import { NumberField, SelectField, TextField } from "../ui/edit-fields";
import { ModelSearch } from "./model-search";
import { GIB } from "@/lib/vocabulary/units";

const AUTO = "(auto-detect from the checkpoint)";

const ENGINE_OPTIONS = [
  { value: "vllm", label: "vLLM" },
  { value: "tgi", label: "TGI" },
] as const;
const KV_CACHE_DTYPE_OPTIONS = (["auto", "fp8", "fp8_e4m3", "fp8_e5m2"] as const).map((v) => ({ value: v, label: v }));
const CUDA_GRAPH_OPTIONS = [
  { value: "graphs", label: "captured (default)" },
  { value: "eager", label: "off (--enforce-eager)" },
] as const;

function quantizationOptions(engine: Instance["engine"], current: string | undefined) {
  const values: readonly string[] = engine === "tgi" ? TGI_QUANTIZE_METHODS : VLLM_QUANTIZATION_METHODS;
  const options = [{ value: "", label: AUTO }, ...values.map((v) => ({ value: v, label: v }))];
  if (current && !values.includes(current))
    options.push({ value: current, label: `${current} (not a ${engine} value)` });
  return options;
}

/** One handler per field, made once per instance: the fields are memoized and an edit re-renders only what changed. */
function fieldHandlers(onPatch: (patch: Partial<Instance>) => void, current: () => Instance) {
  const limit = (key: keyof Instance["limits"]) => (value: number | undefined) =>
    onPatch({ limits: { ...current().limits, [key]: value } });
  return {
    name: (v: string) => onPatch({ name: v.trim() === "" ? undefined : v.trim() }),
    model: (model: string) => onPatch({ model, modelConfig: undefined }),
    engine: (engine: Instance["engine"]) =>
      onPatch(engine === "tgi" ? { engine, tgi: current().tgi ?? { cudaMemoryFraction: 1 } } : { engine }),
    quantization: (v: string) => onPatch({ quantization: v === "" ? undefined : v }),
    tp: (tp: number | undefined) => tp !== undefined && onPatch({ tp }),
    maxModelLen: (maxModelLen: number | undefined) => onPatch({ maxModelLen }),
    gpuMemoryUtilization: (v: number | undefined) => v !== undefined && onPatch({ gpuMemoryUtilization: v }),
    cudaMemoryFraction: (v: number | undefined) =>
      v !== undefined && onPatch({ tgi: { ...(current().tgi ?? { cudaMemoryFraction: 1 }), cudaMemoryFraction: v } }),
    maxNumSeqs: (maxNumSeqs: number | undefined) => onPatch({ maxNumSeqs }),
    kvCacheDtype: (kvCacheDtype: Instance["kvCacheDtype"]) => onPatch({ kvCacheDtype }),
    cudaGraphs: (v: string) => onPatch({ enforceEager: v === "eager" }),
    memoryBytes: limit("memoryBytes"),
    cpus: limit("cpus"),
    shmBytes: limit("shmBytes"),
    port: (port: number | undefined) => onPatch({ port }),
  };
}

/** The settings of one instance; every change is dispatched at once and budgets recompute in the browser. */
export const InstanceForm = memo(function InstanceForm({
  instance,
  onPatch,
  readOnly,
}: {
  instance: Instance;
  onPatch: (patch: Partial<Instance>) => void;
  readOnly: boolean;
}) {
  const latest = useRef(instance);
  useLayoutEffect(() => {
    latest.current = instance;
  });
  const on = useMemo(() => fieldHandlers(onPatch, () => latest.current), [onPatch]);
  const quantOptions = useMemo(
    () => quantizationOptions(instance.engine, instance.quantization),
    [instance.engine, instance.quantization],
  );
  return (
    <fieldset disabled={readOnly} className="grid grid-cols-2 gap-3">
      <legend className="sr-only">Settings of {instance.id}</legend>
      <div className="col-span-2">
        <TextField label="Name" value={instance.name ?? ""} placeholder={instance.id} onCommit={on.name} />
      </div>
      <div className="col-span-2">
        <ModelSearch label="Model" initial={instance.model} onPick={on.model} />
      </div>
      <SelectField label="Engine" value={instance.engine} options={ENGINE_OPTIONS} onChange={on.engine} />
      <SelectField
        label="Quantization"
        value={instance.quantization ?? ""}
        options={quantOptions}
        onChange={on.quantization}
      />
      <NumberField label="Tensor parallel (GPUs)" value={instance.tp} integer min={1} max={64} onCommit={on.tp} />
      <NumberField
        label="max_model_len (tokens)"
        value={instance.maxModelLen}
        integer
        min={1}
        optional
        hint="Empty: the model's own limit."
        onCommit={on.maxModelLen}
      />
      {instance.engine === "vllm" ? (
        <NumberField
          label="gpu_memory_utilization"
          value={instance.gpuMemoryUtilization}
          min={0.05}
          max={1}
          step={0.01}
          onCommit={on.gpuMemoryUtilization}
        />
      ) : (
        <NumberField
          label="cuda_memory_fraction"
          value={instance.tgi?.cudaMemoryFraction ?? 1}
          min={0.05}
          max={1}
          step={0.01}
          onCommit={on.cudaMemoryFraction}
        />
      )}
      <NumberField label="max_num_seqs" value={instance.maxNumSeqs} integer min={1} optional onCommit={on.maxNumSeqs} />
      <SelectField
        label="KV cache dtype"
        value={instance.kvCacheDtype}
        options={KV_CACHE_DTYPE_OPTIONS}
        onChange={on.kvCacheDtype}
      />
      <SelectField
        label="CUDA graphs"
        value={instance.enforceEager ? "eager" : "graphs"}
        options={CUDA_GRAPH_OPTIONS}
        onChange={on.cudaGraphs}
      />
      <NumberField
        label="Memory limit (GiB)"
        value={instance.limits.memoryBytes}
        scale={GIB}
        integer
        min={0}
        optional
        onCommit={on.memoryBytes}
      />
      <NumberField label="CPU limit (cores)" value={instance.limits.cpus} min={0.1} optional onCommit={on.cpus} />
      <NumberField
        label="Shared memory (GiB)"
        value={instance.limits.shmBytes}
        scale={GIB}
        integer
        min={0}
        optional
        onCommit={on.shmBytes}
      />
      <NumberField label="Port" value={instance.port} integer min={1} max={65535} optional onCommit={on.port} />
    </fieldset>
  );
});
