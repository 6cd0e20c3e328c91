"use client";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import type { BudgetGpu } from "@/lib/budget/instance";
import { ENGINE_KNOBS, type KnobContext, switchEnginePatch } from "@/lib/designer/engine-knobs";
import { shareUnderCeiling, withShare } from "@/lib/designer/share-under-ceiling";
import { resolveModel } from "@/lib/layout/resolvers";
import { TGI_QUANTIZE_METHODS } from "@/lib/engines/tgi/flags";
import { VLLM_QUANTIZATION_METHODS } from "@/lib/engines/vllm/flags";
import type { Instance } from "@/lib/vocabulary/layout-schema";
import { GIB } from "@/lib/vocabulary/units";
import { NumberField, SelectField, TextField } from "../ui/edit-fields";
import { EngineKnobs } from "./engine-knob-fields";
import { ModelSearch } from "./model-search";

const AUTO = "(auto-detect from the checkpoint)";
const ENGINE_OPTIONS = [
  { value: "vllm", label: "vLLM" },
  { value: "tgi", label: "TGI" },
] as const;
const ENGINE_NAME = { vllm: "vLLM", tgi: "TGI" } as const;

function quantizationOptions(engine: Instance["engine"], current: string | undefined) {
  const values: readonly string[] = engine === "tgi" ? TGI_QUANTIZE_METHODS : VLLM_QUANTIZATION_METHODS;
  const options = [{ value: "", label: AUTO }, ...values.map((v) => ({ value: v, label: v }))];
  if (current && !values.includes(current))
    options.push({ value: current, label: `${current} (not a ${engine} value)` });
  return options;
}

type Report = (key: string, label: string, error: string | undefined) => void;

/** One handler per common field, made once per instance: the fields are memoized and an edit re-renders what changed. */
function fieldHandlers(
  onPatch: (patch: Partial<Instance>) => void,
  current: () => Instance,
  share: (i: Instance) => number,
) {
  const limit = (key: keyof Instance["limits"]) => (value: number | undefined) =>
    onPatch({ limits: { ...current().limits, [key]: value } });
  return {
    name: (v: string) => onPatch({ name: v.trim() === "" ? undefined : v.trim() }),
    model: (model: string) => onPatch({ model, modelConfig: undefined }),
    engine: (engine: Instance["engine"]) => {
      const next = { ...current(), engine };
      onPatch(switchEnginePatch(current(), engine, share(next)));
    },
    quantization: (v: string) => onPatch({ quantization: v === "" ? undefined : v }),
    tp: (tp: number | undefined) => tp !== undefined && onPatch({ tp }),
    memoryBytes: limit("memoryBytes"),
    cpus: limit("cpus"),
    shmBytes: limit("shmBytes"),
    port: (port: number | undefined) => onPatch({ port }),
  };
}

/**
 * The settings of one instance: what every engine has (model, engine, quantization, TP), the engine's own knobs
 * (lib/designer/engine-knobs.ts), and the container. Every change is dispatched at once; budgets recompute in the
 * browser. Fields holding text they cannot commit are reported (`onValidity`), so saving can be blocked.
 */
export const InstanceForm = memo(function InstanceForm({
  instance,
  gpu,
  vramCeiling,
  onPatch,
  onValidity,
}: {
  instance: Instance;
  /** The card the instance is planned on (its host's, else the planning default): for the memory share's default. */
  gpu: BudgetGpu;
  vramCeiling: number;
  onPatch: (patch: Partial<Instance>) => void;
  onValidity: Report;
}) {
  const latest = useRef(instance);
  useLayoutEffect(() => {
    latest.current = instance;
  });
  const share = useMemo(() => (i: Instance) => shareUnderCeiling(i, gpu, vramCeiling), [gpu, vramCeiling]);
  const on = useMemo(() => fieldHandlers(onPatch, () => latest.current, share), [onPatch, share]);
  const valid = useMemo(() => {
    const of = (key: string, label: string) => (error: string | undefined) => onValidity(key, label, error);
    return {
      tp: of("tp", "Tensor parallel"),
      memory: of("memory", "Memory limit"),
      cpus: of("cpus", "CPU limit"),
      shm: of("shm", "Shared memory"),
      port: of("port", "Port"),
    };
  }, [onValidity]);
  const quantOptions = useMemo(
    () => quantizationOptions(instance.engine, instance.quantization),
    [instance.engine, instance.quantization],
  );
  // The share that keeps the card under the ceiling does not depend on the share set now: key it without it.
  const ceilingShare = useCeilingShare(instance, share);
  const context = useMemo<KnobContext>(() => ({ ceilingShare, ceiling: vramCeiling }), [ceilingShare, vramCeiling]);
  return (
    <div className="space-y-4">
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="sr-only">Model and engine of {instance.id}</legend>
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
        <NumberField
          label="Tensor parallel (GPUs)"
          value={instance.tp}
          integer
          min={1}
          max={64}
          onCommit={on.tp}
          onValidityChange={valid.tp}
        />
      </fieldset>
      <fieldset className="grid grid-cols-2 gap-3 border-t border-slate-200 pt-3 dark:border-slate-800">
        <legend className="float-left col-span-2 mb-1 text-sm font-semibold">
          {ENGINE_NAME[instance.engine]} settings
        </legend>
        <EngineKnobs
          instance={instance}
          knobs={ENGINE_KNOBS[instance.engine]}
          context={context}
          onPatch={onPatch}
          current={latest}
          onValidity={onValidity}
        />
      </fieldset>
      <fieldset className="grid grid-cols-2 gap-3 border-t border-slate-200 pt-3 dark:border-slate-800">
        <legend className="float-left col-span-2 mb-1 text-sm font-semibold">Container</legend>
        <NumberField
          label="Memory limit (GiB)"
          value={instance.limits.memoryBytes}
          scale={GIB}
          integer
          min={0}
          optional
          onCommit={on.memoryBytes}
          onValidityChange={valid.memory}
        />
        <NumberField
          label="CPU limit (cores)"
          value={instance.limits.cpus}
          min={0.1}
          optional
          onCommit={on.cpus}
          onValidityChange={valid.cpus}
        />
        <NumberField
          label="Shared memory (GiB)"
          value={instance.limits.shmBytes}
          scale={GIB}
          integer
          min={0}
          optional
          onCommit={on.shmBytes}
          onValidityChange={valid.shm}
        />
        <NumberField
          label="Port"
          value={instance.port}
          integer
          min={1}
          max={65535}
          optional
          hint="Host port (-p port:container port); new instances get a free one."
          onCommit={on.port}
          onValidityChange={valid.port}
        />
      </fieldset>
    </div>
  );
});

/** shareUnderCeiling for the instance, recomputed only when something other than its memory share changes. */
function useCeilingShare(instance: Instance, share: (i: Instance) => number): number | undefined {
  const base = withShare(instance, 0);
  const key = JSON.stringify(base);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `base`'s contents
  return useMemo(() => (resolveModel(base.model, base.modelConfig) ? share(base) : undefined), [key, share]);
}
