"use client";
import { memo } from "react";
import { TGI_QUANTIZE_METHODS } from "@/lib/engines/tgi/flags";
import { VLLM_QUANTIZATION_METHODS } from "@/lib/engines/vllm/flags";
import type { Instance } from "@/lib/layout/schema";
import { NumberField, SelectField, TextField } from "./fields";
import { ModelSearch } from "./model-search";

const GIB = 1024 ** 3;
const AUTO = "(auto-detect from the checkpoint)";

/** The settings of one instance; every change is dispatched at once and budgets recompute in the browser. */
export const InstanceForm = memo(function InstanceForm({ instance, onPatch, readOnly }: { instance: Instance; onPatch: (patch: Partial<Instance>) => void; readOnly: boolean }) {
  const quantValues = instance.engine === "tgi" ? TGI_QUANTIZE_METHODS : VLLM_QUANTIZATION_METHODS;
  const quantOptions = [{ value: "", label: AUTO }, ...quantValues.map((v) => ({ value: v, label: v }))];
  if (instance.quantization && !(quantValues as readonly string[]).includes(instance.quantization)) quantOptions.push({ value: instance.quantization, label: `${instance.quantization} (not a ${instance.engine} value)` });
  return (
    <fieldset disabled={readOnly} className="grid grid-cols-2 gap-3">
      <legend className="sr-only">Settings of {instance.id}</legend>
      <div className="col-span-2">
        <TextField label="Name" value={instance.name ?? ""} placeholder={instance.id} onCommit={(v) => onPatch({ name: v.trim() === "" ? undefined : v.trim() })} />
      </div>
      <div className="col-span-2">
        <ModelSearch label="Model" initial={instance.model} onPick={(model) => onPatch({ model, modelConfig: undefined })} />
      </div>
      <SelectField
        label="Engine"
        value={instance.engine}
        options={[{ value: "vllm", label: "vLLM" }, { value: "tgi", label: "TGI" }]}
        onChange={(engine) => onPatch(engine === "tgi" ? { engine, tgi: instance.tgi ?? { cudaMemoryFraction: 1 } } : { engine })}
      />
      <SelectField label="Quantization" value={instance.quantization ?? ""} options={quantOptions} onChange={(v) => onPatch({ quantization: v === "" ? undefined : v })} />
      <NumberField label="Tensor parallel (GPUs)" value={instance.tp} integer min={1} max={64} onCommit={(tp) => tp !== undefined && onPatch({ tp })} />
      <NumberField label="max_model_len (tokens)" value={instance.maxModelLen} integer min={1} optional hint="Empty: the model's own limit." onCommit={(maxModelLen) => onPatch({ maxModelLen })} />
      {instance.engine === "vllm" ? (
        <NumberField label="gpu_memory_utilization" value={instance.gpuMemoryUtilization} min={0.05} max={1} step={0.01} onCommit={(v) => v !== undefined && onPatch({ gpuMemoryUtilization: v })} />
      ) : (
        <NumberField
          label="cuda_memory_fraction"
          value={instance.tgi?.cudaMemoryFraction ?? 1}
          min={0.05}
          max={1}
          step={0.01}
          onCommit={(v) => v !== undefined && onPatch({ tgi: { ...(instance.tgi ?? { cudaMemoryFraction: 1 }), cudaMemoryFraction: v } })}
        />
      )}
      <NumberField label="max_num_seqs" value={instance.maxNumSeqs} integer min={1} optional onCommit={(maxNumSeqs) => onPatch({ maxNumSeqs })} />
      <SelectField
        label="KV cache dtype"
        value={instance.kvCacheDtype}
        options={(["auto", "fp8", "fp8_e4m3", "fp8_e5m2"] as const).map((v) => ({ value: v, label: v }))}
        onChange={(kvCacheDtype) => onPatch({ kvCacheDtype })}
      />
      <SelectField
        label="CUDA graphs"
        value={instance.enforceEager ? "eager" : "graphs"}
        options={[{ value: "graphs", label: "captured (default)" }, { value: "eager", label: "off (--enforce-eager)" }]}
        onChange={(v) => onPatch({ enforceEager: v === "eager" })}
      />
      <NumberField label="Memory limit (GiB)" value={instance.limits.memoryBytes} scale={GIB} integer min={0} optional onCommit={(memoryBytes) => onPatch({ limits: { ...instance.limits, memoryBytes } })} />
      <NumberField label="CPU limit (cores)" value={instance.limits.cpus} min={0.1} optional onCommit={(cpus) => onPatch({ limits: { ...instance.limits, cpus } })} />
      <NumberField label="Shared memory (GiB)" value={instance.limits.shmBytes} scale={GIB} integer min={0} optional onCommit={(shmBytes) => onPatch({ limits: { ...instance.limits, shmBytes } })} />
      <NumberField label="Port" value={instance.port} integer min={1} max={65535} optional onCommit={(port) => onPatch({ port })} />
    </fieldset>
  );
});
