"use client";
import { memo, type RefObject, useMemo } from "react";
import type { EngineKnob, KnobContext } from "@/lib/designer/engine-knobs";
import type { Instance } from "@/lib/vocabulary/layout-schema";
import { NumberField, SelectField } from "../ui/edit-fields";

/** One engine's knobs as fields, in the order lib/designer/engine-knobs.ts lists them. */
export function EngineKnobs({
  instance,
  knobs,
  context,
  onPatch,
  current,
  onValidity,
}: {
  instance: Instance;
  knobs: readonly EngineKnob[];
  context: KnobContext;
  onPatch: (patch: Partial<Instance>) => void;
  current: RefObject<Instance>;
  onValidity: (key: string, label: string, error: string | undefined) => void;
}) {
  return knobs.map((knob) => (
    <KnobField
      key={knob.key}
      knob={knob}
      value={knob.read(instance)}
      hint={knob.hint?.(instance, context)}
      onPatch={onPatch}
      current={current}
      onValidity={onValidity}
    />
  ));
}

/** Memoized per knob: an edit of one knob re-renders that field, not the others. */
const KnobField = memo(function KnobField({
  knob,
  value,
  hint,
  onPatch,
  current,
  onValidity,
}: {
  knob: EngineKnob;
  value: number | string | undefined;
  hint: string | undefined;
  onPatch: (patch: Partial<Instance>) => void;
  current: RefObject<Instance>;
  onValidity: (key: string, label: string, error: string | undefined) => void;
}) {
  const handlers = useMemo(
    () => ({
      number: (v: number | undefined) => knob.kind === "number" && onPatch(knob.patch(current.current, v)),
      choice: (v: string) => knob.kind === "choice" && onPatch(knob.patch(current.current, v)),
      validity: (error: string | undefined) => onValidity(knob.key, knob.label, error),
    }),
    [knob, onPatch, current, onValidity],
  );
  if (knob.kind === "choice")
    return <SelectField label={knob.label} value={String(value)} options={knob.options} onChange={handlers.choice} />;
  return (
    <NumberField
      label={knob.label}
      value={value as number | undefined}
      integer={knob.integer}
      min={knob.min}
      max={knob.max}
      step={knob.step}
      optional={knob.optional}
      hint={hint}
      onCommit={handlers.number}
      onValidityChange={handlers.validity}
    />
  );
});
